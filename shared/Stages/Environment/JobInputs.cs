using Pipeline.Core.Jobs;
using Pipeline.Storage;
using Pipeline.Storage.Locations;

namespace Pipeline.Stages.Environment;

/// <summary>
/// Turns the locations a job names into local files and folders: a relative path is resolved under the input root
/// (and must stay inside it), <c>az://container/path</c> is downloaded through the configured storage account into a
/// scratch folder (once per process). Nothing outside the input root or the account can be reached.
/// </summary>
public sealed class JobInputs : IDisposable
{
    private readonly string _root;
    private readonly StorageLocationResolver _resolver;
    private readonly string _scratch;
    private readonly Dictionary<string, Task<string>> _downloads = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Inputs under <paramref name="inputRoot"/>, blobs through <paramref name="resolver"/> (or none).</summary>
    public JobInputs(string inputRoot, StorageLocationResolver? resolver = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputRoot);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(inputRoot));
        _resolver = resolver ?? new StorageLocationResolver();
        _scratch = Path.Combine(Path.GetTempPath(), "pipeline-inputs-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The folder relative input locations are resolved in.</summary>
    public string Root => _root;

    /// <summary>The local file of <paramref name="location"/>; <paramref name="field"/> (a JSON path) names it in errors.</summary>
    /// <exception cref="StageInputException">The location is unsafe, missing or unreadable.</exception>
    public Task<string> FileAsync(string location, string field, CancellationToken cancellationToken = default) =>
        ResolveAsync(location, field, folder: false, cancellationToken);

    /// <summary>The local folder of <paramref name="location"/> (a model folder); blobs under an <c>az://</c> prefix are downloaded.</summary>
    /// <exception cref="StageInputException">The location is unsafe, missing or unreadable.</exception>
    public Task<string> FolderAsync(string location, string field, CancellationToken cancellationToken = default) =>
        ResolveAsync(location, field, folder: true, cancellationToken);

    private Task<string> ResolveAsync(string location, string field, bool folder, CancellationToken cancellationToken)
    {
        if (SafeNames.LocationProblem(location) is { } problem)
        {
            throw new StageInputException($"{field}: '{location}' {problem}");
        }
        if (!location.StartsWith("az://", StringComparison.Ordinal))
        {
            return Task.FromResult(Local(location, field, folder));
        }
        lock (_lock)
        {
            var key = (folder ? "d:" : "f:") + location;
            if (!_downloads.TryGetValue(key, out var download) || download.IsFaulted || download.IsCanceled)
            {
                download = folder ? DownloadFolderAsync(location, field, cancellationToken) : DownloadFileAsync(location, field, cancellationToken);
                _downloads[key] = download;
            }
            return download;
        }
    }

    private string Local(string location, string field, bool folder)
    {
        var path = Path.GetFullPath(Path.Combine(_root, location));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && path != _root)
        {
            throw new StageInputException($"{field}: '{location}' resolves outside the input root {_root}");
        }
        // A symbolic link could still point outside; resolve it and check again.
        var target = ResolveLinks(path);
        if (!target.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && target != _root)
        {
            throw new StageInputException($"{field}: '{location}' is a link to {target}, outside the input root {_root}");
        }
        if (folder ? !Directory.Exists(path) : !File.Exists(path))
        {
            throw new StageInputException($"{field}: {(folder ? "folder" : "file")} not found: {path}");
        }
        return path;
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private async Task<string> DownloadFileAsync(string location, string field, CancellationToken cancellationToken)
    {
        var parsed = StorageLocation.Parse(location);
        var target = Path.Combine(_scratch, Guid.NewGuid().ToString("N"), Path.GetFileName(parsed.BlobName!));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            await using var source = await _resolver.OpenReadAsync(parsed, cancellationToken).ConfigureAwait(false);
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestException e) when (!e.IsTransient)
        {
            throw new StageInputException($"{field}: cannot read {location}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new StageInputException($"{field}: cannot read {location}: {e.Message}", e);
        }
        return target;
    }

    private async Task<string> DownloadFolderAsync(string location, string field, CancellationToken cancellationToken)
    {
        var parsed = StorageLocation.Parse(location);
        var prefix = (parsed.BlobName ?? "").TrimEnd('/') + "/";
        var target = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        try
        {
            using var container = _resolver.OpenContainer(parsed);
            var any = false;
            await foreach (var blob in container.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                var relative = blob.Name[prefix.Length..];
                if (relative.Contains('/', StringComparison.Ordinal) || relative.Length == 0)
                {
                    continue; // a model folder is flat
                }
                await using var source = await container.OpenReadAsync(blob.Name, null, cancellationToken).ConfigureAwait(false);
                await using var file = File.Create(Path.Combine(target, relative));
                await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                any = true;
            }
            if (!any)
            {
                throw new StageInputException($"{field}: no blobs under {location}/");
            }
        }
        catch (StorageRequestException e) when (!e.IsTransient)
        {
            throw new StageInputException($"{field}: cannot read {location}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new StageInputException($"{field}: cannot read {location}: {e.Message}", e);
        }
        return target;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            try
            {
                Directory.Delete(_scratch, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a scratch folder in the temporary directory.
            }
        }
    }
}
