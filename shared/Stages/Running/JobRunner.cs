using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Storage.Queues;

namespace Pipeline.Stages.Running;

/// <summary>
/// Runs a whole job in this process: submits it, enqueues its pending tasks, and runs a <see cref="QueueWorker"/>
/// (several tasks at once) until the job completes or fails. With in-memory queues this is the embedded default of
/// <c>pipeline run</c>; with Azure queues the same process simply joins any other workers.
/// </summary>
public sealed class JobRunner
{
    private readonly StageDispatcher _dispatcher;
    private readonly IMessageQueueProvider _queues;
    private readonly QueueWorkerOptions _options;

    /// <summary>A runner over <paramref name="dispatcher"/> and <paramref name="queues"/>.</summary>
    public JobRunner(StageDispatcher dispatcher, IMessageQueueProvider queues, QueueWorkerOptions? options = null)
    {
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        _options = options ?? new QueueWorkerOptions();
    }

    /// <summary>Raised when the job has been submitted (before any task runs).</summary>
    public event Action<SubmitResult>? Submitted;

    /// <summary>Runs <paramref name="spec"/> to its end and returns its final status.</summary>
    /// <exception cref="StageInputException">Bad input found before any work started.</exception>
    /// <exception cref="JobConflictException">The job id exists with another spec.</exception>
    public async Task<JobStatus> RunAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var submitted = await new JobSubmitter(_dispatcher.Environment).SubmitAsync(spec, cancellationToken).ConfigureAwait(false);
        Submitted?.Invoke(submitted);
        if (submitted.Pending.Count == 0)
        {
            return submitted.Status;
        }
        await QueueWorker.CreateQueuesAsync(_queues, cancellationToken).ConfigureAwait(false);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new QueueWorker(_queues, _dispatcher, _options);
        worker.Handled += (task, outcome) =>
        {
            if (task.JobId == spec.JobId && outcome.JobEnded)
            {
                ended.TrySetResult();
            }
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = worker.RunAsync(stop.Token, cancellationToken);
        await QueueWorker.SendAsync(_queues, submitted.Pending, cancellationToken).ConfigureAwait(false);
        try
        {
            // The worker reports the end; the store is checked too now and then, in case the report went elsewhere
            // (another process finished the job, or this one ended it on an earlier delivery).
            var layout = new JobLayout(spec.JobId);
            var ledger = _dispatcher.Environment.Ledger;
            while (!ended.Task.IsCompleted)
            {
                await Task.WhenAny(ended.Task, Task.Delay(TimeSpan.FromSeconds(2), _dispatcher.Environment.Time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (await ledger.FailureAsync(layout, cancellationToken).ConfigureAwait(false) is not null
                    || await ledger.IsDoneAsync(layout, new StageTask(spec.JobId, Stage.Aggregate), cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
        }
        return await new StatusBoard(_dispatcher.Environment).ComputeAsync(spec, CancellationToken.None).ConfigureAwait(false);
    }
}
