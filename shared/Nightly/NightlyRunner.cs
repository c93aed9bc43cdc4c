using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Stages;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Queues;

namespace Pipeline.Nightly;

/// <summary>
/// One night seen through to its summary. <see cref="RunAsync"/> is the embedded mode (a job store in a folder, no
/// storage queues): it starts the night on in-memory queues and runs their tasks in this process with
/// <see cref="QueueWorker"/>s — the same start (<see cref="NightlyStarter"/>), the same stage pipeline and the same
/// finishing path (<see cref="NightlyFinisher"/>, told by the stages when each job ends) as the Function app.
/// <see cref="WaitAsync"/> follows a night whose jobs run elsewhere (the app's queues) until its summary exists.
/// </summary>
public sealed class NightlyRunner
{
    private readonly StageEnvironment _environment;
    private readonly NightlyOptions _options;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// A runner over <paramref name="environment"/> (the job store, which also holds plans, history and summaries, and the
    /// inputs). Wires a <see cref="NightlyFinisher"/> into the environment unless one is.
    /// </summary>
    public NightlyRunner(StageEnvironment environment, NightlyOptions? options = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _options = options ?? new NightlyOptions();
        _options.Validate();
        Starter = new NightlyStarter(environment, _options);
        Starter.JobQueued += (job, _) => JobStarting?.Invoke(job.JobId);
        Starter.Finisher.JobRecorded += Report;
    }

    /// <summary>Raised when a job's first tasks are queued, with its dated id.</summary>
    public event Action<string>? JobStarting;

    /// <summary>Raised once per job when it has ended (completed or failed) and its outcome is recorded.</summary>
    public event Action<JobOutcome>? JobEnded;

    /// <summary>The starter (its test hook, its events).</summary>
    public NightlyStarter Starter { get; }

    /// <summary>The finisher wired into the environment.</summary>
    public NightlyFinisher Finisher => Starter.Finisher;

    /// <summary>The night of <paramref name="time"/>'s current UTC date.</summary>
    public static DateOnly Today(TimeProvider time) => NightlyStarter.Today(time);

    /// <summary>
    /// Runs the night of <paramref name="date"/> (today in UTC by the environment's clock when null) in this process:
    /// starts it on in-memory queues, runs the tasks with <see cref="NightlyOptions.Workers"/>, and returns once
    /// <c>summary.json</c> is written. Suites are read and checked before the date is claimed. A run that stops before
    /// its summary (an exception, cancellation) releases its claim, so the next trigger runs the night again: jobs that
    /// had ended keep their outcome; the others resume from their commit markers.
    /// </summary>
    /// <exception cref="SuiteException">A suite is invalid; nothing was claimed or run.</exception>
    public async Task<NightlyResult> RunAsync(SuiteSource suites, DateOnly? date = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var night = date ?? Today(_environment.Time);
        var claimant = $"embedded run {Guid.NewGuid():N}";
        var broker = new InMemoryQueueBroker();
        var worker = new QueueWorker(broker, new StageDispatcher(_environment), _options.Workers);
        NightlySummary? written = null;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFinished(NightlySummary summary)
        {
            if (summary.Date == night)
            {
                written = summary;
                finished.TrySetResult();
            }
        }
        Finisher.Finished += OnFinished;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();
        Task? running = null;
        var ended = false;
        try
        {
            await QueueWorker.CreateQueuesAsync(broker, cancellationToken).ConfigureAwait(false);
            running = worker.RunAsync(stop.Token, abort.Token);
            var start = await Starter.StartAsync(suites, night, broker, claimant, cancellationToken).ConfigureAwait(false);
            if (start.Outcome is NightlyStartOutcome.AlreadyDone or NightlyStartOutcome.InProgress)
            {
                ended = true;
                return new NightlyResult(night, start.Outcome == NightlyStartOutcome.AlreadyDone ? NightlyOutcome.AlreadyDone : NightlyOutcome.InProgress,
                    start.Status, start.SummaryJson, null);
            }
            while (true)
            {
                if (await NightlyBlobs.ReadAsync(_environment.Files.Store, NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false) is { } json)
                {
                    ended = true;
                    return new NightlyResult(night, NightlyOutcome.Ran, SummaryJsonReader.Status(json), json, written);
                }
                await Task.WhenAny(finished.Task, running, Task.Delay(_options.Workers.MaxPollInterval, _environment.Time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (running.IsCompleted)
                {
                    await running.ConfigureAwait(false);
                    throw new InvalidOperationException("the queue workers stopped before the night ended");
                }
            }
        }
        finally
        {
            Finisher.Finished -= OnFinished;
            await stop.CancelAsync().ConfigureAwait(false);
            if (!ended)
            {
                await abort.CancelAsync().ConfigureAwait(false);
            }
            if (running is not null)
            {
                try
                {
                    await running.ConfigureAwait(false);
                }
                catch (Exception) when (!ended)
                {
                    // Already failing; the first error is the one reported.
                }
            }
            if (!ended)
            {
                await ReleaseAsync(night, claimant, cancellationToken.IsCancellationRequested ? "cancelled" : "error").ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits until the night of <paramref name="night"/> has its summary, looking every <paramref name="poll"/>; raises
    /// <see cref="JobEnded"/> for each job as its outcome appears. For nights whose jobs run on the app's queues.
    /// </summary>
    public async Task<NightlyResult> WaitAsync(DateOnly night, TimeSpan poll, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            foreach (var outcome in (await Finisher.OutcomesAsync(night, cancellationToken).ConfigureAwait(false)).Values.OrderBy(o => o.JobId, StringComparer.Ordinal))
            {
                Report(outcome);
            }
            if (await NightlyBlobs.ReadAsync(_environment.Files.Store, NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false) is { } json)
            {
                return new NightlyResult(night, NightlyOutcome.Ran, SummaryJsonReader.Status(json), json, null);
            }
            await Task.Delay(poll, _environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Report(JobOutcome outcome)
    {
        lock (_gate)
        {
            if (!_reported.Add(outcome.JobId))
            {
                return;
            }
        }
        JobEnded?.Invoke(outcome);
    }

    /// <summary>
    /// Deletes this run's claim, its started marker and any summary claim (its workers, the only ones on its queues, have
    /// stopped), so that the next trigger starts the night again.
    /// </summary>
    private async Task ReleaseAsync(DateOnly night, string claimant, string reason)
    {
        var store = _environment.Files.Store;
        var claim = await NightlyBlobs.ReadAsync(store, NightlyLayout.Claim(night), CancellationToken.None).ConfigureAwait(false);
        if (claim is null || !System.Text.Encoding.UTF8.GetString(claim).Contains($"\"{claimant}\"", StringComparison.Ordinal)
            || await store.ExistsAsync(NightlyLayout.SummaryJson(night), CancellationToken.None).ConfigureAwait(false))
        {
            // Not this run's claim, or the night finished after all: nothing to release.
            return;
        }
        NightlyLog.Released(_environment.Logger, NightlyIds.Date(night), reason);
        await store.DeleteAsync(NightlyLayout.Finish(night), CancellationToken.None).ConfigureAwait(false);
        await store.DeleteAsync(NightlyLayout.Started(night), CancellationToken.None).ConfigureAwait(false);
        await store.DeleteAsync(NightlyLayout.Claim(night), CancellationToken.None).ConfigureAwait(false);
    }
}
