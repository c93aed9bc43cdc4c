using System.CommandLine;
using Pipeline.Formats;
using Pipeline.Storage;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Locations;

namespace Pipeline.Functions.Cli;

/// <summary>
/// Storage locations for one CLI invocation: inputs and outputs may be local paths, <c>az://container/path</c> or blob
/// URLs. Blob inputs are downloaded to temporary files (local paths are read in place) and messages name the location
/// the user gave, never the temporary copy; blob outputs are written locally first and then uploaded
/// (<see cref="CliOutputLocation"/>). Disposing removes every temporary file.
/// </summary>
internal sealed class CliLocations : IDisposable
{
    private readonly string? _connection;
    private readonly List<LocalCopy> _copies = [];
    private readonly List<string> _folders = [];
    private readonly List<CliOutputLocation> _outputs = [];
    // Temporary copy path → the location the user gave.
    private readonly Dictionary<string, string> _shownNames = new(StringComparer.Ordinal);
    private StorageLocationResolver? _resolver;

    /// <param name="connection">The <c>--connection</c> value; null or empty means the <c>AzureWebJobsStorage</c> setting.</param>
    public CliLocations(string? connection) => _connection = connection;

    /// <summary>The <c>--connection</c> option that every verb reading or writing locations takes.</summary>
    public static Option<string?> CreateConnectionOption() => new("--connection")
    {
        Description = "Storage connection string or account URL for blob locations (default: the AzureWebJobsStorage "
            + "setting; an account URL uses Microsoft Entra ID).",
        HelpName = "connection",
    };

    /// <summary>The resolver of this invocation's connection, created on first use (local-only runs never need one).</summary>
    /// <exception cref="CliLocationException">The connection string is malformed.</exception>
    public StorageLocationResolver Resolver
    {
        get
        {
            try
            {
                return _resolver ??= StorageLocationResolver.FromSetting(_connection);
            }
            catch (FormatException e)
            {
                throw new CliLocationException(e.Message, e);
            }
        }
    }

    /// <summary>Parses a location the user gave.</summary>
    /// <exception cref="CliLocationException">Not a valid location.</exception>
    public static StorageLocation Parse(string text)
    {
        try
        {
            return StorageLocation.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliLocationException(e.Message, e);
        }
    }

    /// <summary>
    /// The input <paramref name="text"/> as a local file: a local path as it is, a blob downloaded to a temporary file
    /// (same file name) that <see cref="Dispose"/> removes. A missing local file writes
    /// <c>error: {what} file not found: {text}</c> and gives null.
    /// </summary>
    /// <exception cref="CliLocationException">Not a valid location, or no usable connection for a blob.</exception>
    /// <exception cref="StorageRequestException">The blob cannot be read (404 when it does not exist).</exception>
    public string? Materialize(string text, string what, TextWriter error)
    {
        var location = Parse(text);
        if (!location.IsBlob)
        {
            // A plain path as given (so messages show it as given); a file:// URL as its path.
            var path = text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? location.LocalPath! : text;
            if (!File.Exists(path))
            {
                error.WriteLine($"error: {what} file not found: {text}");
                return null;
            }
            return path;
        }
        LocalCopy copy;
        try
        {
            copy = Resolver.MaterializeAsync(location).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            // No connection for an az:// location.
            throw new CliLocationException(e.Message, e);
        }
        _copies.Add(copy);
        _shownNames[copy.Path] = text;
        return copy.Path;
    }

    /// <summary>
    /// The input folder <paramref name="text"/> as a local folder: a local path as it is (the caller checks it), a blob
    /// prefix (<c>{location}/</c>) downloaded blob by blob into a temporary folder, keeping each blob's name relative to
    /// the prefix (so a folder written by <c>pipeline shard</c> or <c>pipeline index</c> comes back as it was uploaded,
    /// manifest included). <see cref="Dispose"/> removes the folder.
    /// </summary>
    /// <exception cref="CliLocationException">Not a valid location, no usable connection, or no blobs under the prefix.</exception>
    /// <exception cref="StorageRequestException">A blob cannot be listed or read (404 when the container does not exist).</exception>
    public string MaterializeFolder(string text)
    {
        var location = Parse(text);
        if (!location.IsBlob)
        {
            return text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? location.LocalPath! : text;
        }
        AzureBlobStore store;
        try
        {
            store = Resolver.OpenContainer(location);
        }
        catch (InvalidOperationException e)
        {
            throw new CliLocationException(e.Message, e);
        }
        using (store)
        {
            var prefix = location.BlobName!.TrimEnd('/') + "/";
            var folder = Directory.CreateTempSubdirectory("pipeline-prefix-").FullName;
            _folders.Add(folder);
            var root = Path.Combine(folder, "in");
            Directory.CreateDirectory(root);
            _shownNames[root] = text.TrimEnd('/');
            var count = 0;
            var blobs = store.ListAsync(prefix).ToBlockingEnumerable().Select(static b => b.Name).ToList();
            foreach (var name in blobs)
            {
                var relative = name[prefix.Length..];
                var parts = relative.Split('/');
                if (relative.Length == 0 || parts.Any(static p => p is "" or "." or ".."))
                {
                    // A "folder" placeholder or a name that would land outside the copy: not part of the folder.
                    continue;
                }
                var path = Path.Combine([root, .. parts]);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var source = store.OpenReadAsync(name).GetAwaiter().GetResult())
                using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    source.CopyTo(target, 1 << 20);
                }
                count++;
            }
            if (count == 0)
            {
                throw new CliLocationException($"no blobs under '{text}'");
            }
            return root;
        }
    }

    /// <summary>The name to show for a path <see cref="Materialize"/> returned: the location the user gave.</summary>
    public string ShownName(string path) => _shownNames.GetValueOrDefault(path, path);

    /// <summary>The exception's message, naming the location the user gave rather than a temporary copy.</summary>
    public string Describe(InputFormatException e)
        => _shownNames.TryGetValue(e.Path, out var shown) ? new InputFormatException(shown, e.LineNumber, e.Reason).Message : Describe(e.Message);

    /// <summary><paramref name="message"/> with every temporary copy's path replaced by the location the user gave.</summary>
    public string Describe(string message)
    {
        foreach (var (path, shown) in _shownNames)
        {
            message = message.Replace(path, shown, StringComparison.Ordinal);
        }
        return message;
    }

    /// <summary>
    /// An output file or folder at <paramref name="text"/>: a local path is written in place; a blob location is
    /// written into a temporary folder and uploaded by <see cref="CliOutputLocation.Publish"/>.
    /// </summary>
    /// <exception cref="CliLocationException">Not a valid location, or no usable connection for a blob.</exception>
    public CliOutputLocation Output(string text) => Output(text, isFile: false);

    /// <summary>
    /// An output file at <paramref name="text"/>: a local path is written in place; a blob location is written to a
    /// temporary file of the same name and uploaded as that blob by <see cref="CliOutputLocation.Publish"/>.
    /// </summary>
    /// <exception cref="CliLocationException">Not a valid location, or no usable connection for a blob.</exception>
    public CliOutputLocation OutputFile(string text) => Output(text, isFile: true);

    private CliOutputLocation Output(string text, bool isFile)
    {
        var location = Parse(text);
        if (location.IsBlob)
        {
            try
            {
                // Fails now, before any work, when no connection fits the location.
                Resolver.OpenContainer(location).Dispose();
            }
            catch (InvalidOperationException e)
            {
                throw new CliLocationException(e.Message, e);
            }
        }
        var output = new CliOutputLocation(location, location.IsBlob ? Resolver : null, isFile);
        _outputs.Add(output);
        return output;
    }

    /// <summary>
    /// A job store given as <c>--store</c>: a folder, or <c>az://container</c> in the account of
    /// <paramref name="connection"/> (else <c>AzureWebJobsStorage</c>).
    /// </summary>
    /// <exception cref="CliLocationException">Not a folder or a bare container, or no usable account.</exception>
    public static IBlobStore OpenJobStore(string? connection, string store)
    {
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            return new LocalBlobStore(store);
        }
        if (!store.StartsWith("az://", StringComparison.Ordinal))
        {
            throw new CliLocationException($"--store takes a folder or az://container, not {store}");
        }
        try
        {
            return Hosting.HostSettings.Resolve(connection, store).OpenStore();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new CliLocationException(e.Message, e);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>, turning location and storage failures into <c>error: ...</c> and an exit code:
    /// an unusable location or a missing blob is bad input (2), any other storage failure a failure (1).
    /// </summary>
    public static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliLocationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (StorageRequestException e) when (e.Status == 404)
        {
            error.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (StorageRequestException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CliApp.Failed;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _copies.ForEach(static c => c.Dispose());
        _outputs.ForEach(static o => o.Dispose());
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
