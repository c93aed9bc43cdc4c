using Microsoft.Extensions.Logging;

namespace Pipeline.Nightly;

/// <summary>Log messages of Pipeline.Nightly; event ids 6000..6099.</summary>
internal static partial class NightlyLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "nightly {Date}: claimed; {Suites} suite(s), {Jobs} job(s)")]
    public static partial void Claimed(ILogger logger, string date, int suites, int jobs);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "nightly {Date}: already claimed ({State}); nothing started")]
    public static partial void AlreadyClaimed(ILogger logger, string date, string state);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "nightly {Date}: job {JobId} {State}")]
    public static partial void JobEnded(ILogger logger, string date, string jobId, string state);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "nightly {Date}: {Status}; {Regressions} regression(s), {Improvements} improvement(s), {Failed} failed job(s)")]
    public static partial void Finished(ILogger logger, string date, string status, int regressions, int improvements, int failed);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "nightly {Date}: stopped before its summary ({Reason}); claim released so a later trigger runs it again")]
    public static partial void Released(ILogger logger, string date, string reason);
}
