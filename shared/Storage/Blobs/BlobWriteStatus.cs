namespace Pipeline.Storage.Blobs;

/// <summary>How an upload ended.</summary>
public enum BlobWriteStatus
{
    /// <summary>The content was written.</summary>
    Written,

    /// <summary>A create-only upload found the blob already there; nothing was written.</summary>
    AlreadyExists,

    /// <summary>An <c>If-Match</c> upload found another version (or no blob); nothing was written.</summary>
    PreconditionFailed,
}
