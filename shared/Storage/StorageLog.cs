using Microsoft.Extensions.Logging;

namespace Pipeline.Storage;

/// <summary>
/// Log messages of the storage library, event ids 4100–4199. Messages name the operation, the resource path (never
/// the query string, which may hold a SAS) and the service's codes; never keys, signatures or headers.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Storage {Operation} {Resource} failed ({Status} {ErrorCode}, request id {RequestId}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string resource, int status, string? errorCode,
        string? requestId, int retry, int maxRetries, long delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Storage {Operation} {Resource} failed without a response ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs} ms")]
    public static partial void RetryingAfterException(ILogger logger, string operation, string resource, string reason,
        int retry, int maxRetries, long delayMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Uploaded {Resource}: {Bytes} bytes in {Blocks} blocks")]
    public static partial void UploadedBlocks(ILogger logger, string resource, long bytes, int blocks);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "Moved message {MessageId} from {Queue} to {PoisonQueue} after {DequeueCount} deliveries")]
    public static partial void MovedToPoison(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);
}
