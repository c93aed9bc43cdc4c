using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Running;

/// <summary>How a <see cref="QueueWorker"/> polls (the Functions host's queue semantics; defaults as in host.json).</summary>
public sealed record QueueWorkerOptions
{
    /// <summary>The stages whose queues are polled; default all.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = StageNames.All;

    /// <summary>Tasks run at once by this process (1–64); default 1.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>How long a received message stays invisible; renewed every half of it while its task runs. Default 30 s.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a failed task's message waits before its next delivery. Default 30 s (the host's visibilityTimeout).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before a failing message goes to the poison queue (and the job fails). Default 5.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>The shortest wait between polls of empty queues; it doubles while they stay empty. Default 100 ms.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between polls. Default 2 s.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of bounds.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parallelism, 64, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeout, TimeSpan.FromSeconds(2), nameof(VisibilityTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDequeueCount, 1, nameof(MaxDequeueCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        if (Stages.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Stages), "at least one stage to poll");
        }
    }
}
