namespace Pipeline.Storage;

/// <summary>
/// A storage request that failed: carries the HTTP status, the service's error code (<c>x-ms-error-code</c>),
/// the request id (<c>x-ms-request-id</c>) and whether retrying may succeed. The message names the operation and
/// the resource path, never a key, a SAS signature or an <c>Authorization</c> header.
/// </summary>
/// <remarks>The local implementations raise the same exception with the status and error code the Azure service
/// would return (for example 404 <c>BlobNotFound</c>), so callers handle both alike.</remarks>
public sealed class StorageRequestException : Exception
{
    /// <summary>Creates an exception with a message only (status 0, not transient).</summary>
    public StorageRequestException()
        : this("The storage request failed.")
    {
    }

    /// <summary>Creates an exception with a message only (status 0, not transient).</summary>
    public StorageRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause (status 0, not transient).</summary>
    public StorageRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a failed request.</summary>
    /// <param name="message">What failed; must not contain secrets.</param>
    /// <param name="status">The HTTP status, or 0 when no response arrived (a timeout, a reset connection).</param>
    /// <param name="errorCode">The service's error code, when it sent one.</param>
    /// <param name="requestId">The service's request id, when it sent one.</param>
    /// <param name="isTransient">Whether the same request may succeed later.</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    public StorageRequestException(string message, int status, string? errorCode, string? requestId, bool isTransient,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status; 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The service's error code (<c>x-ms-error-code</c>), for example <c>BlobNotFound</c>; null when absent.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's request id (<c>x-ms-request-id</c>) for support requests; null when absent.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the failure is transient (timeouts, connection resets, 408, 429, 500, 502, 503, 504).</summary>
    public bool IsTransient { get; }

    /// <summary>Whether a status is one a retry may fix: 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;
}
