namespace Pipeline.Storage.Blobs;

/// <summary>
/// One container of blobs: an Azure Blob Storage container (<see cref="AzureBlobStore"/>) or a local folder
/// (<see cref="LocalBlobStore"/>), with the same semantics. Blob names are <c>/</c>-separated paths.
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container when it does not exist yet; does nothing when it does.</summary>
    Task CreateIfMissingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads <paramref name="content"/> (read to its end, any size, memory bounded by the store's options) under
    /// <paramref name="name"/>, subject to <paramref name="condition"/>. A failed condition is a result, not an
    /// exception: <see cref="BlobWriteStatus.AlreadyExists"/> or <see cref="BlobWriteStatus.PreconditionFailed"/>.
    /// </summary>
    Task<BlobWriteResult> UploadAsync(string name, Stream content, BlobWriteCondition condition = default,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the blob for reading, the whole of it or <paramref name="range"/>. A missing blob raises
    /// <see cref="StorageRequestException"/> with status 404 and error code <c>BlobNotFound</c>.
    /// </summary>
    Task<Stream> OpenReadAsync(string name, BlobRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>The blob's properties, or null when it does not exist.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Whether the blob exists.</summary>
    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The blobs whose names start with <paramref name="prefix"/>, in ordinal (lexicographic) name order, fetched
    /// lazily page by page as the enumeration proceeds.
    /// </summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string prefix = "", CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; true when it existed, false when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
