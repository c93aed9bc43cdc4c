using System.Diagnostics;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Handlers;
using Pipeline.Storage;

namespace Pipeline.Stages;

/// <summary>
/// Runs one task under the commit protocol, whatever the host: skips it when the job failed or the task committed
/// before; otherwise runs its handler (outputs at deterministic names), commits its marker, and — when the task
/// completes its fan-in group and wins the group's advance claim — returns the next tasks. A permanent failure
/// (<see cref="StageInputException"/>) marks the job Failed; any other exception propagates for the host to retry.
/// When a task completes its job, or fails it or finds it failed, the environment's
/// <see cref="StageEnvironment.JobEndHandler"/> is told before the outcome is returned (at least once per ending).
/// </summary>
public sealed class StageDispatcher
{
    private readonly StageEnvironment _environment;
    private readonly StatusBoard _status;
    private readonly Dictionary<Stage, IStageHandler> _handlers = new()
    {
        [Stage.Prepare] = new PrepareHandler(),
        [Stage.Split] = new SplitHandler(),
        [Stage.Index] = new IndexHandler(),
        [Stage.MergeStatistics] = new MergeStatisticsHandler(),
        [Stage.Retrieve] = new RetrieveHandler(),
        [Stage.Merge] = new MergeHandler(),
        [Stage.Rerank] = new RerankHandler(),
        [Stage.Aggregate] = new AggregateHandler(),
    };

    /// <summary>A dispatcher over <paramref name="environment"/>.</summary>
    public StageDispatcher(StageEnvironment environment)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _status = new StatusBoard(environment);
    }

    /// <summary>Raised after each task that did work commits (for progress displays): the task and its seconds.</summary>
    public event Action<StageTask, double>? TaskCommitted;

    /// <summary>Raised once per fan-in group, by the task whose claim advanced the job past it: the claimant and the group.</summary>
    public event Action<StageTask, string>? GroupAdvanced;

    /// <summary>The environment.</summary>
    public StageEnvironment Environment => _environment;

    /// <summary>Handles <paramref name="task"/>, delivered for the <paramref name="attempt"/>-th time.</summary>
    public async Task<StageOutcome> HandleAsync(StageTask task, long attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var layout = new JobLayout(task.JobId);
        var spec = await LoadSpecAsync(layout, cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            return new StageOutcome([], StageOutcomeKind.JobNotFound, $"job '{task.JobId}' does not exist (no {layout.JobSpec})");
        }
        var ledger = _environment.Ledger;
        if (await ledger.FailureAsync(layout, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            StagesLog.TaskDropped(_environment.Logger, task);
            // Told again: the task that failed the job may have died before its handler ran.
            await JobEndedAsync(new JobEnd(spec, JobState.Failed, failure), cancellationToken).ConfigureAwait(false);
            return new StageOutcome([], StageOutcomeKind.JobFailed, failure);
        }
        var kind = StageOutcomeKind.AlreadyDone;
        if (await ledger.IsDoneAsync(layout, task, cancellationToken).ConfigureAwait(false))
        {
            StagesLog.TaskSkipped(_environment.Logger, task);
        }
        else
        {
            StagesLog.TaskStarted(_environment.Logger, task, attempt);
            var startedAt = _environment.Time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            try
            {
                var facts = await _environment.Planner.FactsAsync(layout, cancellationToken).ConfigureAwait(false);
                var job = new JobContext(spec, layout, facts, _environment);
                await _handlers[task.Stage].ExecuteAsync(job, task, cancellationToken).ConfigureAwait(false);
            }
            catch (StageInputException e)
            {
                return await FailAsync(spec, task, e.Message, cancellationToken).ConfigureAwait(false);
            }
            if (_environment.BeforeCommitAsync is { } hook)
            {
                await hook(task, attempt, cancellationToken).ConfigureAwait(false);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            await ledger.CommitAsync(layout, task, new TaskRecord(task.Unit, startedAt, seconds, attempt), cancellationToken).ConfigureAwait(false);
            StagesLog.TaskDone(_environment.Logger, task, seconds, attempt);
            TaskCommitted?.Invoke(task, seconds);
            kind = StageOutcomeKind.Done;
        }
        return await AdvanceAsync(spec, layout, task, attempt, kind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StageOutcome> AdvanceAsync(JobSpec spec, JobLayout layout, StageTask task, long attempt, StageOutcomeKind kind,
        CancellationToken cancellationToken)
    {
        var facts = await _environment.Planner.FactsAsync(layout, cancellationToken).ConfigureAwait(false);
        var rule = JobPlanner.Rule(spec, facts, task);
        var complete = rule.Expected == 1 && rule.Group == task.Unit;
        if (!complete)
        {
            var done = await _environment.Ledger.DoneUnitsAsync(layout, task.Stage, cancellationToken).ConfigureAwait(false);
            complete = done.Count(rule.IsMember) >= rule.Expected;
        }
        if (!complete)
        {
            return new StageOutcome([], kind);
        }
        var claim = await _environment.Ledger.ClaimAdvanceAsync(layout, task.Stage, rule.Group, task, cancellationToken).ConfigureAwait(false);
        if (claim == AdvanceClaim.HeldByOther)
        {
            return new StageOutcome([], kind);
        }
        if (claim == AdvanceClaim.Won)
        {
            GroupAdvanced?.Invoke(task, rule.Group);
        }
        if (_environment.AfterClaimAsync is { } hook)
        {
            await hook(task, attempt, cancellationToken).ConfigureAwait(false);
        }
        var next = rule.Next;
        if (kind == StageOutcomeKind.AlreadyDone)
        {
            // A redelivered claimant: its advance may not have been enqueued (it died in between), so enqueue again,
            // but only what has not committed since: a late duplicate must not ripple through the whole job again.
            var pending = new List<StageTask>();
            foreach (var candidate in next)
            {
                if (!await _environment.Ledger.IsDoneAsync(layout, candidate, cancellationToken).ConfigureAwait(false))
                {
                    pending.Add(candidate);
                }
            }
            next = pending;
        }
        StagesLog.Advanced(_environment.Logger, task, rule.Group, next.Count);
        if (task.Stage == Stage.Aggregate)
        {
            await TryWriteStatusAsync(spec, cancellationToken).ConfigureAwait(false);
            ReleaseJob(spec);
            // Every delivery of the aggregate task gets here (it holds its own claim), so a redelivery repeats this call.
            await JobEndedAsync(new JobEnd(spec, JobState.Completed, null), cancellationToken).ConfigureAwait(false);
            return new StageOutcome([], StageOutcomeKind.JobCompleted);
        }
        if (rule.Group == "all" || rule.Group == "job")
        {
            await TryWriteStatusAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        return new StageOutcome(next, kind);
    }

    /// <summary>
    /// Marks the job of <paramref name="task"/> Failed with <paramref name="reason"/> (hosts call this when a task has
    /// exhausted its retries and goes to the poison queue).
    /// </summary>
    public async Task<StageOutcome> FailAsync(StageTask task, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var spec = await LoadSpecAsync(new JobLayout(task.JobId), cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            return new StageOutcome([], StageOutcomeKind.JobNotFound, $"job '{task.JobId}' does not exist");
        }
        return await FailAsync(spec, task, reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StageOutcome> FailAsync(JobSpec spec, StageTask task, string reason, CancellationToken cancellationToken)
    {
        var layout = new JobLayout(spec.JobId);
        await _environment.Ledger.MarkFailedAsync(layout, task, $"{StageNames.Function(task.Stage)} {task.Unit}: {reason}",
            _environment.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var recorded = await _environment.Ledger.FailureAsync(layout, cancellationToken).ConfigureAwait(false) ?? reason;
        StagesLog.JobFailed(_environment.Logger, task, recorded);
        await TryWriteStatusAsync(spec, cancellationToken).ConfigureAwait(false);
        ReleaseJob(spec);
        await JobEndedAsync(new JobEnd(spec, JobState.Failed, recorded), cancellationToken).ConfigureAwait(false);
        return new StageOutcome([], StageOutcomeKind.JobFailed, recorded);
    }

    /// <summary>The job ended: this process lets go of its loaded values and its downloaded files.</summary>
    private void ReleaseJob(JobSpec spec)
    {
        var prefix = new JobLayout(spec.JobId).Root;
        _environment.Resources.Evict(prefix);
        _environment.Files.Forget(prefix);
    }

    private Task JobEndedAsync(JobEnd end, CancellationToken cancellationToken) =>
        _environment.JobEndHandler?.JobEndedAsync(end, cancellationToken) ?? Task.CompletedTask;

    private async Task TryWriteStatusAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            await _status.WriteAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestException e)
        {
            StagesLog.StatusNotWritten(_environment.Logger, spec.JobId, e.Message);
        }
    }

    /// <summary>The spec of the job at <paramref name="layout"/>, or null when the job does not exist.</summary>
    public async Task<JobSpec?> LoadSpecAsync(JobLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var text = await _environment.Files.ReadTextAsync(layout.JobSpec, cancellationToken).ConfigureAwait(false);
        return text is null ? null : JobSpecReader.Read(text, layout.JobSpec);
    }
}
