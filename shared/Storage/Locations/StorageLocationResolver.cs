using Microsoft.Extensions.Logging;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Connection;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Locations;

/// <summary>
/// Opens <see cref="StorageLocation"/>s for reading and writes them atomically. Blob locations use the configured
/// connection; a full blob URL of another account (or with no connection configured) uses Microsoft Entra ID
/// (<c>DefaultAzureCredential</c>).
/// </summary>
public sealed class StorageLocationResolver
{
    private readonly StorageConnection? _connection;
    private readonly BlobStoreOptions? _blobOptions;
    private readonly StorageClientOptions? _clientOptions;
    private readonly ILogger? _logger;

    /// <summary>Creates a resolver.</summary>
    /// <param name="connection">The account for <c>az://</c> locations and for URLs of the same account; null when none is configured.</param>
    /// <param name="blobOptions">Upload settings for blob writes.</param>
    /// <param name="clientOptions">Retry, timeout and transport settings.</param>
    /// <param name="logger">Where storage retries are logged.</param>
    public StorageLocationResolver(StorageConnection? connection = null, BlobStoreOptions? blobOptions = null,
        StorageClientOptions? clientOptions = null, ILogger? logger = null)
    {
        _connection = connection;
        _blobOptions = blobOptions;
        _clientOptions = clientOptions;
        _logger = logger;
    }

    /// <summary>
    /// A resolver for a <c>--connection</c> value (a connection string or account URL) or, when it is null or empty,
    /// the <c>AzureWebJobsStorage</c> environment setting; without either, only local paths and Entra ID URLs work.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static StorageLocationResolver FromSetting(string? connection)
        => new(string.IsNullOrWhiteSpace(connection) ? StorageConnection.FromEnvironment() : StorageConnection.FromSetting(connection));

    /// <summary>Opens the location's content for reading.</summary>
    /// <exception cref="FileNotFoundException">A local file does not exist.</exception>
    /// <exception cref="StorageRequestException">A blob does not exist (404 <c>BlobNotFound</c>) or cannot be read.</exception>
    public async Task<Stream> OpenReadAsync(StorageLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsBlob)
        {
            return new FileStream(location.LocalPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        }
        var store = OpenContainer(location);
        try
        {
            var stream = await store.OpenReadAsync(location.BlobName!, null, cancellationToken).ConfigureAwait(false);
            return new OwningReadStream(stream, store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The location as a local file: a local location as it is, a blob downloaded to a temporary file (same file
    /// name, in a fresh temporary folder) that disposing the result removes.
    /// </summary>
    public async Task<LocalCopy> MaterializeAsync(StorageLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsBlob)
        {
            return new LocalCopy(location.LocalPath!, isTemporary: false);
        }
        var folder = Directory.CreateTempSubdirectory("pipeline-blob-").FullName;
        var copy = new LocalCopy(Path.Combine(folder, Path.GetFileName(location.BlobName!)), isTemporary: true);
        try
        {
            var source = await OpenReadAsync(location, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(copy.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await using (target.ConfigureAwait(false))
                {
                    await source.CopyToAsync(target, 1 << 20, cancellationToken).ConfigureAwait(false);
                }
            }
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the location atomically: <paramref name="write"/> fills a temporary file, which then replaces a local
    /// file by rename or is uploaded as the blob (a blob appears only when its upload commits). Readers never see a
    /// partial result; a failed <paramref name="write"/> leaves the old content in place.
    /// </summary>
    public async Task WriteAtomicallyAsync(StorageLocation location, Func<Stream, CancellationToken, Task> write,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(write);
        if (!location.IsBlob)
        {
            var path = location.LocalPath!;
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    await write(file, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
            return;
        }

        var tempFolder = Directory.CreateTempSubdirectory("pipeline-upload-").FullName;
        try
        {
            var tempFile = Path.Combine(tempFolder, "content");
            var stream = new FileStream(tempFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                stream.Position = 0;
                using var store = OpenContainer(location);
                await store.UploadAsync(location.BlobName!, stream, BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }

    /// <summary>The container of a blob location, with the credential that fits it.</summary>
    public AzureBlobStore OpenContainer(StorageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsBlob)
        {
            throw new ArgumentException($"'{location}' is not a blob location.", nameof(location));
        }
        StorageConnection connection;
        if (location.AccountEndpoint is not { } endpoint)
        {
            connection = _connection ?? throw new InvalidOperationException(
                $"'{location}' needs a storage connection: pass --connection or set AzureWebJobsStorage.");
        }
        else if (_connection?.BlobEndpoint is { } configured && SameEndpoint(configured, endpoint))
        {
            connection = _connection;
        }
        else
        {
            connection = StorageConnection.FromAccountUrl(endpoint);
        }
        return new AzureBlobStore(connection, location.Container!, _blobOptions, _clientOptions, _logger);
    }

    private static bool SameEndpoint(Uri a, Uri b)
        => Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
