using Microsoft.Extensions.Logging;
using Pipeline.Core.Tasks;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>Log messages of <c>pipeline serve</c>; event ids 6000..6099.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "pipeline serve: listening on {Address}; store {Store}, inputs {InputRoot}")]
    public static partial void Listening(ILogger logger, string address, string store, string inputRoot);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Function}: {Task} attempt {Attempt}: {Kind}, enqueued {Count} task(s) in {Milliseconds} ms")]
    public static partial void StageHandled(ILogger logger, string function, StageTask task, long attempt, StageOutcomeKind kind, int count, long milliseconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "{Function}: {Task}: job '{JobId}' does not exist; message acknowledged, nothing to retry")]
    public static partial void JobNotFound(ILogger logger, string function, StageTask task, string jobId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "{Function}: {Task}: job failed: {Reason}")]
    public static partial void JobFailed(ILogger logger, string function, StageTask task, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "{Function}: attempt {Attempt} failed, answered 500 for the host to retry: {Reason}")]
    public static partial void Transient(ILogger logger, string function, long attempt, string reason, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "{Function}: refused ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, string function, int status, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "{Function}: job {JobId} {Verb}: {State}, enqueued {Count} task(s)")]
    public static partial void Submitted(ILogger logger, string function, string jobId, string verb, JobState state, int count);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "{Function}: job not accepted ({Status}): {Reason}")]
    public static partial void NotSubmitted(ILogger logger, string function, int status, string reason);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Error, Message = "{Function}: poison message {MessageId} is not a task and is dropped: {Reason}")]
    public static partial void PoisonDropped(ILogger logger, string function, string messageId, string reason);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Error, Message = "{Function}: {Task} reached {PoisonQueue}; job marked failed: {Reason}")]
    public static partial void Poisoned(ILogger logger, string function, StageTask task, string poisonQueue, string reason);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "{Function}: {Task} committed before; its poisoned duplicate does not fail the job")]
    public static partial void PoisonIgnored(ILogger logger, string function, StageTask task);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "pipeline serve: stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "{Function}: {Night}")]
    public static partial void NightRan(ILogger logger, string function, string night);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Error, Message = "{Function}: no night run: {Reason}")]
    public static partial void NightNotRun(ILogger logger, string function, string reason);
}
