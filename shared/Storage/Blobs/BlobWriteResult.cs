namespace Pipeline.Storage.Blobs;

/// <summary>The outcome of an upload: its status and, when written, the new ETag and length.</summary>
/// <param name="Status">How the upload ended.</param>
/// <param name="ETag">The ETag of the written blob; null unless <see cref="BlobWriteStatus.Written"/>.</param>
/// <param name="Length">Bytes written; 0 unless <see cref="BlobWriteStatus.Written"/>.</param>
public sealed record BlobWriteResult(BlobWriteStatus Status, string? ETag, long Length)
{
    /// <summary>Whether the content was written.</summary>
    public bool Written => Status == BlobWriteStatus.Written;
}
