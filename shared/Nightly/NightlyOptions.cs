using Pipeline.Stages.Running;

namespace Pipeline.Nightly;

/// <summary>How a night starts, runs its jobs (embedded) and draws its trends.</summary>
public sealed class NightlyOptions
{
    /// <summary>The queue workers an embedded run (<see cref="NightlyRunner"/>) runs the jobs with; the worker's defaults when not set.</summary>
    public QueueWorkerOptions Workers { get; init; } = new();

    /// <summary>Nights shown in a trend chart, tonight included (2–365); default 30.</summary>
    public int TrendNights { get; init; } = 30;

    /// <summary>
    /// How old a claim without <c>started.json</c> must be before another trigger takes it to be from a start that died
    /// and completes it (1 s – 1 day); default 10 minutes. A start takes seconds: a check and a few writes per job.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks the bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of bounds.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TrendNights, 2, nameof(TrendNights));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TrendNights, 365, nameof(TrendNights));
        ArgumentOutOfRangeException.ThrowIfLessThan(StartTimeout, TimeSpan.FromSeconds(1), nameof(StartTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StartTimeout, TimeSpan.FromDays(1), nameof(StartTimeout));
    }
}
