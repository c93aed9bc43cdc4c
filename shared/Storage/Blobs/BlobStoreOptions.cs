namespace Pipeline.Storage.Blobs;

/// <summary>Upload and listing settings shared by the blob stores.</summary>
public sealed class BlobStoreOptions
{
    /// <summary>
    /// Uploads up to this many bytes go in one Put Blob; larger ones in blocks. Default 8 MiB; must be between 1 and
    /// <see cref="BlockSize"/>.
    /// </summary>
    public int SingleUploadThreshold { get; set; } = 8 * 1024 * 1024;

    /// <summary>Size of one Put Block. Default 8 MiB; 1 byte to 256 MiB here (the service allows up to 4000 MiB).</summary>
    public int BlockSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Blocks uploaded at once. Default 4; 1 to 64. An upload holds at most this many blocks in memory
    /// (<c>MaxConcurrency × BlockSize</c> bytes).
    /// </summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Blobs per listing page (<c>maxresults</c>). Default 5000, the service's maximum; 1 to 5000.</summary>
    public int ListPageSize { get; set; } = 5000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value outside its documented bounds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, 256 * 1024 * 1024, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(SingleUploadThreshold, 1, nameof(SingleUploadThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SingleUploadThreshold, BlockSize, nameof(SingleUploadThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConcurrency, 64, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1, nameof(ListPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, 5000, nameof(ListPageSize));
    }
}
