using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly.Suites;

/// <summary>
/// Where suites live: a folder or a blob prefix. Every <c>*.json</c> directly in it is a suite, except the files
/// that a suite names as a <c>jobFile</c> (keep those in a subfolder, or next to the suites: either works).
/// </summary>
public sealed class SuiteSource
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<string>>> _list;
    private readonly Func<string, CancellationToken, Task<string?>> _read;

    private SuiteSource(string description, Func<CancellationToken, Task<IReadOnlyList<string>>> list, Func<string, CancellationToken, Task<string?>> read)
    {
        Description = description;
        _list = list;
        _read = read;
    }

    /// <summary>The folder or prefix, as errors show it.</summary>
    public string Description { get; }

    /// <summary>Suites in a local folder.</summary>
    public static SuiteSource Folder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var root = Path.GetFullPath(folder);
        return new SuiteSource(folder,
            _ => Task.FromResult<IReadOnlyList<string>>(Directory.Exists(root)
                ? [.. Directory.EnumerateFiles(root, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : throw new SuiteException(folder, "$", "suite folder not found")),
            async (name, ct) =>
            {
                var path = Path.GetFullPath(Path.Combine(root, name));
                return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path)
                    ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)
                    : null;
            });
    }

    /// <summary>Suites in blobs under <paramref name="prefix"/> (empty for the container's root) of <paramref name="store"/>.</summary>
    public static SuiteSource Blobs(IBlobStore store, string prefix, string description)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        return new SuiteSource(description,
            async ct =>
            {
                var names = new List<string>();
                await foreach (var blob in store.ListAsync(folder, ct).ConfigureAwait(false))
                {
                    var rest = blob.Name[folder.Length..];
                    if (!rest.Contains('/', StringComparison.Ordinal) && rest.EndsWith(".json", StringComparison.Ordinal))
                    {
                        names.Add(rest);
                    }
                }
                return names;
            },
            async (name, ct) =>
            {
                if (!await store.ExistsAsync(folder + name, ct).ConfigureAwait(false))
                {
                    return null;
                }
                using var stream = await store.OpenReadAsync(folder + name, cancellationToken: ct).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            });
    }

    /// <summary>
    /// The suites at <paramref name="location"/>: a folder, or <c>az://container/prefix</c> whose container
    /// <paramref name="openContainer"/> opens (given <c>az://container</c>).
    /// </summary>
    public static SuiteSource FromLocation(string location, Func<string, IBlobStore> openContainer)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(openContainer);
        if (!location.StartsWith("az://", StringComparison.Ordinal))
        {
            return Folder(location);
        }
        var rest = location["az://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? rest : rest[..slash];
        return Blobs(openContainer("az://" + container), slash < 0 ? "" : rest[(slash + 1)..], location);
    }

    /// <summary>Reads and validates every suite, in name order.</summary>
    /// <exception cref="SuiteException">A suite is invalid (the first one found; all its problems listed), or there is none.</exception>
    public async Task<IReadOnlyList<NightlySuite>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var names = await _list(cancellationToken).ConfigureAwait(false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            texts[name] = await _read(name, cancellationToken).ConfigureAwait(false) ?? "";
        }
        var referenced = texts.Values.SelectMany(JobFiles).ToHashSet(StringComparer.Ordinal);
        var suites = new List<NightlySuite>();
        foreach (var (name, text) in texts.Where(t => !referenced.Contains(t.Key)))
        {
            var jobFiles = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var file in JobFiles(text))
            {
                jobFiles[file] = SafeNames.LocationProblem(file) is null ? await _read(file, cancellationToken).ConfigureAwait(false) : null;
            }
            var source = $"{Description.TrimEnd('/')}/{name}";
            var suite = SuiteReader.Read(text, source, file => jobFiles.GetValueOrDefault(file));
            if (suites.FirstOrDefault(s => s.Name == suite.Name) is { } twin)
            {
                throw new SuiteException(source, "$.suite", $"'{suite.Name}' is also the name of {twin.Source}; suite names must be unique");
            }
            suites.Add(suite);
        }
        if (suites.Count == 0)
        {
            throw new SuiteException(Description, "$", "holds no suite (*.json)");
        }
        return suites;
    }

    /// <summary>The jobFile values a suite text names; none when it is not (yet) valid JSON.</summary>
    private static IEnumerable<string> JobFiles(string text)
    {
        var files = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("jobs", out var jobs) && jobs.ValueKind == JsonValueKind.Array)
            {
                foreach (var job in jobs.EnumerateArray())
                {
                    if (job.ValueKind == JsonValueKind.Object && job.TryGetProperty("jobFile", out var file) && file.ValueKind == JsonValueKind.String)
                    {
                        files.Add(file.GetString()!);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The reader reports it with its line and byte.
        }
        return files;
    }
}
