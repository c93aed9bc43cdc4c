namespace Pipeline.Storage.Blobs;

/// <summary>
/// The condition an upload is subject to: none (overwrite whatever is there), create-only
/// (<c>If-None-Match: *</c>) or overwrite only a given version (<c>If-Match: etag</c>). The default is none.
/// </summary>
public readonly record struct BlobWriteCondition
{
    private BlobWriteCondition(bool ifNotExists, string? ifMatch)
    {
        IfNotExists = ifNotExists;
        IfMatch = ifMatch;
    }

    /// <summary>Write only when no blob of that name exists.</summary>
    public static BlobWriteCondition CreateOnly { get; } = new(true, null);

    /// <summary>Write unconditionally.</summary>
    public static BlobWriteCondition None { get; }

    /// <summary>Whether the write must create the blob.</summary>
    public bool IfNotExists { get; }

    /// <summary>The ETag the existing blob must have; null for no such condition.</summary>
    public string? IfMatch { get; }

    /// <summary>Write only when the blob exists with ETag <paramref name="etag"/>.</summary>
    public static BlobWriteCondition IfMatches(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new(false, etag);
    }
}
