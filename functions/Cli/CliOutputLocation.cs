using Pipeline.Storage;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Locations;

namespace Pipeline.Functions.Cli;

/// <summary>
/// Where a verb writes an output file or folder. A local location is written in place (<see cref="LocalPath"/> is the
/// path itself). A blob location is written into a temporary folder, and <see cref="Publish"/> uploads each of its
/// files under the location as a prefix (folder → prefix), data files first and the files that mark the output
/// complete (a manifest, a report's last page) last, so a failure part-way leaves nothing that looks complete.
/// </summary>
internal sealed class CliOutputLocation : IDisposable
{
    private readonly StorageLocation _location;
    private readonly StorageLocationResolver? _resolver;
    private readonly string? _temporaryRoot;
    private readonly bool _isFile;

    internal CliOutputLocation(StorageLocation location, StorageLocationResolver? resolver, bool isFile = false)
    {
        _location = location;
        _isFile = isFile;
        _resolver = resolver;
        if (location.IsBlob)
        {
            _temporaryRoot = Directory.CreateTempSubdirectory("pipeline-output-").FullName;
            // A folder that does not exist yet, as a fresh local output would be; a file keeps the blob's file name
            // (writers may go by its extension).
            LocalPath = Path.Combine(_temporaryRoot, isFile ? Path.GetFileName(location.BlobName!.TrimEnd('/')) : "out");
        }
        else
        {
            // A plain path as given (so messages show it as given); a file:// URL as its path.
            LocalPath = location.Text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? location.LocalPath! : location.Text;
        }
    }

    /// <summary>Whether the output goes to blob storage.</summary>
    public bool IsBlob => _location.IsBlob;

    /// <summary>The local path to write: the output itself, or for a blob location a temporary path.</summary>
    public string LocalPath { get; }

    /// <summary>The location as the user gave it.</summary>
    public string Text => _location.Text;

    /// <summary>How to show the file <paramref name="relativePath"/> of the output folder: a local path or the blob location.</summary>
    public string Shown(string relativePath)
        => IsBlob ? $"{_location.Text.TrimEnd('/')}/{relativePath.Replace('\\', '/')}" : Path.Combine(_location.Text, relativePath);

    /// <summary>
    /// Whether the output folder has no content yet: a local folder that is missing or empty, or a blob prefix
    /// (<c>{location}/</c>) with no blobs under it.
    /// </summary>
    public bool IsEmptyFolder()
    {
        if (!IsBlob)
        {
            return !Directory.Exists(LocalPath) || !Directory.EnumerateFileSystemEntries(LocalPath).Any();
        }
        using var store = _resolver!.OpenContainer(_location);
        var enumerator = store.ListAsync(Prefix()).GetAsyncEnumerator();
        try
        {
            return !enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (StorageRequestException e) when (e.Status == 404 && e.ErrorCode == "ContainerNotFound")
        {
            return true;
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// For a blob location, uploads every file under <see cref="LocalPath"/> as <c>{location}/{relative path}</c>: first
    /// the others in ordinal order, then <paramref name="last"/> (relative paths) in the order given; for an output file
    /// (<see cref="CliLocations.OutputFile"/>), uploads it as the blob itself. The container is created when missing.
    /// Nothing to do for a local location.
    /// </summary>
    /// <exception cref="StorageRequestException">An upload failed; blobs uploaded before it stay, the last ones are absent.</exception>
    public void Publish(params string[] last)
    {
        if (!IsBlob)
        {
            return;
        }
        List<(string Name, string Path)> uploads;
        if (_isFile)
        {
            uploads = [(_location.BlobName!, LocalPath)];
        }
        else
        {
            var prefix = Prefix();
            uploads = Directory.EnumerateFiles(LocalPath, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(LocalPath, f).Replace('\\', '/'))
                .Where(f => !last.Contains(f, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .Concat(last.Where(f => File.Exists(Path.Combine(LocalPath, f))))
                .Select(f => (prefix + f, Path.Combine(LocalPath, f)))
                .ToList();
        }
        using var store = _resolver!.OpenContainer(_location);
        var containerChecked = false;
        foreach (var (name, path) in uploads)
        {
            try
            {
                Upload(store, name, path);
            }
            catch (StorageRequestException e) when (!containerChecked && e.Status == 404 && e.ErrorCode == "ContainerNotFound")
            {
                store.CreateIfMissingAsync().GetAwaiter().GetResult();
                Upload(store, name, path);
            }
            containerChecked = true;
        }
    }

    private static void Upload(AzureBlobStore store, string name, string path)
    {
        using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        store.UploadAsync(name, content, BlobWriteCondition.None).GetAwaiter().GetResult();
    }

    private string Prefix() => _location.BlobName!.TrimEnd('/') + "/";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_temporaryRoot is not null && Directory.Exists(_temporaryRoot))
        {
            Directory.Delete(_temporaryRoot, recursive: true);
        }
    }
}
