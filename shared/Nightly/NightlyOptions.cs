using Pipeline.Stages.Running;

namespace Pipeline.Nightly;

/// <summary>How a nightly run runs its jobs and draws its trends.</summary>
public sealed class NightlyOptions
{
    /// <summary>The queue worker each job runs under (tasks at once, polling); the worker's defaults when not set.</summary>
    public QueueWorkerOptions Workers { get; init; } = new();

    /// <summary>Nights shown in a trend chart, tonight included (2–365); default 30.</summary>
    public int TrendNights { get; init; } = 30;
}
