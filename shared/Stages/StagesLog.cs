using Microsoft.Extensions.Logging;

namespace Pipeline.Stages;

/// <summary>Log messages of Pipeline.Stages; event ids 5000..5099.</summary>
internal static partial class StagesLog
{
    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "{Task}: started (attempt {Attempt})")]
    public static partial void TaskStarted(ILogger logger, Pipeline.Core.Tasks.StageTask task, long attempt);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "{Task}: done in {Seconds:F3} s (attempt {Attempt})")]
    public static partial void TaskDone(ILogger logger, Pipeline.Core.Tasks.StageTask task, double seconds, long attempt);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Task}: already committed, not repeated")]
    public static partial void TaskSkipped(ILogger logger, Pipeline.Core.Tasks.StageTask task);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Task}: completes group {Group}, enqueues {Count} task(s)")]
    public static partial void Advanced(ILogger logger, Pipeline.Core.Tasks.StageTask task, string group, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "{Task}: job failed: {Reason}")]
    public static partial void JobFailed(ILogger logger, Pipeline.Core.Tasks.StageTask task, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Task}: the job has failed before; task dropped")]
    public static partial void TaskDropped(ILogger logger, Pipeline.Core.Tasks.StageTask task);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Task}: attempt {Attempt} failed, will be retried: {Reason}")]
    public static partial void TaskRetry(ILogger logger, Pipeline.Core.Tasks.StageTask task, long attempt, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "status of job {JobId} not updated: {Reason}")]
    public static partial void StatusNotWritten(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "queue {Queue}: message {MessageId} is not a task ({Reason}); moved to the poison queue")]
    public static partial void MessageRejected(ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "{Task}: failed {Attempts} times, moved to {PoisonQueue}: {Reason}")]
    public static partial void TaskPoisoned(ILogger logger, Pipeline.Core.Tasks.StageTask task, long attempts, string poisonQueue, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "{Task}: lease lost while running ({Reason}); another delivery will finish it")]
    public static partial void LeaseLost(ILogger logger, Pipeline.Core.Tasks.StageTask task, string reason);
}
