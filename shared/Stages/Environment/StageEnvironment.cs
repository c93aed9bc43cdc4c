using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Environment;

/// <summary>
/// What stage handlers run against, whatever the host: the job store (blobs), the job's inputs, a per-process cache of
/// loaded resources, a logger and a clock. One per process; thread-safe.
/// </summary>
public sealed class StageEnvironment : IDisposable
{
    /// <summary>An environment over <paramref name="store"/> (where jobs live) and <paramref name="inputs"/>.</summary>
    public StageEnvironment(IBlobStore store, JobInputs inputs, ILogger? logger = null, TimeProvider? timeProvider = null, string? scratchRoot = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Files = new JobFiles(store, scratchRoot);
        Ledger = new TaskLedger(Files);
        Planner = new JobPlanner(Files, Ledger);
        Logger = logger ?? NullLogger.Instance;
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The job store as files.</summary>
    public JobFiles Files { get; }

    /// <summary>The job's inputs.</summary>
    public JobInputs Inputs { get; }

    /// <summary>Commit markers and advance claims.</summary>
    public TaskLedger Ledger { get; }

    /// <summary>The task graph.</summary>
    public JobPlanner Planner { get; }

    /// <summary>Loaded models, indexes and statistics.</summary>
    public ResourceCache Resources { get; } = new();

    /// <summary>Where handlers log.</summary>
    public ILogger Logger { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// Called after a task has written its outputs and before it commits (tests use it to fail a task at its most
    /// delicate point); null for none.
    /// </summary>
    public Func<StageTask, long, CancellationToken, Task>? BeforeCommitAsync { get; set; }

    /// <summary>
    /// Called when a task has won its group's advance claim, before the next tasks are handed to the host (tests
    /// use it to lose the claimant between claim and enqueue); null for none.
    /// </summary>
    public Func<StageTask, long, CancellationToken, Task>? AfterClaimAsync { get; set; }

    /// <summary>
    /// Told when a job ends, completed or failed (<see cref="IJobEndHandler"/>: at least once per end, so idempotent);
    /// null for none. Hosts set it once, before handling tasks.
    /// </summary>
    public IJobEndHandler? JobEndHandler { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Resources.Dispose();
        Files.Dispose();
        Inputs.Dispose();
    }
}
