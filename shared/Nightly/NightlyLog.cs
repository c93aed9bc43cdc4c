using Microsoft.Extensions.Logging;

namespace Pipeline.Nightly;

/// <summary>Log messages of Pipeline.Nightly; event ids 6000..6099.</summary>
internal static partial class NightlyLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "nightly {Date}: {How}; {Suites} suite(s), {Jobs} job(s)")]
    public static partial void Claimed(ILogger logger, string date, string how, int suites, int jobs);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "nightly {Date}: already claimed ({State}); nothing started")]
    public static partial void AlreadyClaimed(ILogger logger, string date, string state);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "nightly {Date}: job {JobId} {State}")]
    public static partial void JobEnded(ILogger logger, string date, string jobId, string state);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "nightly {Date}: {Status}; {Regressions} regression(s), {Improvements} improvement(s), {Failed} failed job(s); summary written by {Claimant}")]
    public static partial void Finished(ILogger logger, string date, string status, int regressions, int improvements, int failed, string claimant);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "nightly {Date}: stopped before its summary ({Reason}); claim released so a later trigger runs it again")]
    public static partial void Released(ILogger logger, string date, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "nightly {Date}: job {JobId} queued ({Tasks} task(s))")]
    public static partial void JobQueued(ILogger logger, string date, string jobId, int tasks);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "nightly {Date}: started; {Queued} job(s) queued, {Refused} refused at submission")]
    public static partial void Started(ILogger logger, string date, int queued, int refused);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "nightly {Date}: the plan cannot be read, so job {JobId} is not recorded: {Reason}")]
    public static partial void PlanUnreadable(ILogger logger, string date, string jobId, string reason);
}
