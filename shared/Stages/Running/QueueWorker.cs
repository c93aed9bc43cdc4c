using Pipeline.Core.Tasks;
using Pipeline.Storage;
using Pipeline.Storage.Queues;

namespace Pipeline.Stages.Running;

/// <summary>
/// Runs tasks from the stage queues with the Functions host's semantics: a message is leased (and the lease renewed
/// while its task runs), deleted only after its task's next tasks are enqueued, retried after
/// <see cref="QueueWorkerOptions.RetryDelay"/> when the task throws, and moved to <c>{queue}-poison</c> — failing the
/// job — after <see cref="QueueWorkerOptions.MaxDequeueCount"/> deliveries. Many workers in many processes share
/// the work through the queues only. Later stages are polled first, so started blocks finish before new ones begin.
/// </summary>
public sealed class QueueWorker
{
    private readonly IMessageQueueProvider _queues;
    private readonly StageDispatcher _dispatcher;
    private readonly QueueWorkerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>A worker taking tasks from <paramref name="queues"/> and running them through <paramref name="dispatcher"/>.</summary>
    public QueueWorker(IMessageQueueProvider queues, StageDispatcher dispatcher, QueueWorkerOptions? options = null)
    {
        _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _options = options ?? new QueueWorkerOptions();
        _options.Validate();
        _time = dispatcher.Environment.Time;
    }

    /// <summary>Raised after each message is handled (and deleted): the task and what came of it.</summary>
    public event Action<StageTask, StageOutcome>? Handled;

    /// <summary>Creates every stage queue (and does nothing for those that exist).</summary>
    public static async Task CreateQueuesAsync(IMessageQueueProvider queues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queues);
        foreach (var stage in StageNames.All)
        {
            await queues.GetQueue(StageNames.Queue(stage)).CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends each task to its stage's queue.</summary>
    public static async Task SendAsync(IMessageQueueProvider queues, IEnumerable<StageTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            await queues.GetQueue(StageNames.Queue(task.Stage)).SendAsync(task.ToMessage(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls until <paramref name="stopReceiving"/> is cancelled; tasks already running then finish (graceful shutdown)
    /// unless <paramref name="abort"/> is cancelled too, in which case their messages are left to reappear.
    /// </summary>
    public Task RunAsync(CancellationToken stopReceiving, CancellationToken abort = default) =>
        Task.WhenAll(Enumerable.Range(0, _options.Parallelism).Select(_ => Task.Run(() => LoopAsync(stopReceiving, abort), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stopReceiving, CancellationToken abort)
    {
        var order = _options.Stages.OrderByDescending(s => (int)s).Select(s => _queues.GetQueue(StageNames.Queue(s))).ToArray();
        var wait = _options.MinPollInterval;
        while (!stopReceiving.IsCancellationRequested)
        {
            var received = false;
            foreach (var queue in order)
            {
                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await queue.ReceiveAsync(1, _options.VisibilityTimeout, stopReceiving).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopReceiving.IsCancellationRequested)
                {
                    return;
                }
                catch (StorageRequestException e) when (e.IsTransient || e.Status == 404)
                {
                    continue;
                }
                if (messages.Count == 0)
                {
                    continue;
                }
                received = true;
                await ProcessAsync(queue, messages[0], abort).ConfigureAwait(false);
                break;
            }
            if (received)
            {
                wait = _options.MinPollInterval;
                continue;
            }
            try
            {
                await Task.Delay(wait, _time, stopReceiving).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }

    private async Task ProcessAsync(IMessageQueue queue, QueueMessage message, CancellationToken abort)
    {
        StageTask task;
        try
        {
            task = StageTask.Parse(message.Text);
        }
        catch (FormatException e)
        {
            StagesLog.MessageRejected(_dispatcher.Environment.Logger, queue.Name, message.MessageId, e.Message);
            await queue.MoveToPoisonAsync(message, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        var lease = new Lease(message);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var renewal = RenewAsync(queue, task, lease, renewing.Token);
        try
        {
            StageOutcome outcome;
            try
            {
                outcome = await _dispatcher.HandleAsync(task, message.DequeueCount, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                // Aborted: the message reappears after its lease and another delivery does the task.
                return;
            }
            catch (Exception e)
            {
                await renewing.CancelAsync().ConfigureAwait(false);
                await renewal.ConfigureAwait(false);
                await RetryOrPoisonAsync(queue, task, lease.Message, e).ConfigureAwait(false);
                return;
            }
            await SendAsync(_queues, outcome.Next, CancellationToken.None).ConfigureAwait(false);
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            await queue.DeleteAsync(lease.Message.MessageId, lease.Message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            Handled?.Invoke(task, outcome);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RetryOrPoisonAsync(IMessageQueue queue, StageTask task, QueueMessage message, Exception error)
    {
        var reason = $"{error.GetType().Name}: {error.Message}";
        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            StagesLog.TaskPoisoned(_dispatcher.Environment.Logger, task, message.DequeueCount, queue.PoisonQueueName, reason);
            await queue.MoveToPoisonAsync(message, CancellationToken.None).ConfigureAwait(false);
            var outcome = await _dispatcher.FailAsync(task,
                $"failed {message.DequeueCount} times (last: {reason}); the message is in {queue.PoisonQueueName}", CancellationToken.None).ConfigureAwait(false);
            Handled?.Invoke(task, outcome);
            return;
        }
        StagesLog.TaskRetry(_dispatcher.Environment.Logger, task, message.DequeueCount, reason);
        try
        {
            await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, _options.RetryDelay, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageRequestException e) when (!e.IsTransient)
        {
            // The lease was lost: the message is already visible again (or being handled elsewhere).
        }
    }

    private async Task RenewAsync(IMessageQueue queue, StageTask task, Lease lease, CancellationToken cancellationToken)
    {
        var period = _options.VisibilityTimeout / 2;
        while (true)
        {
            try
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                var renewed = await queue.UpdateVisibilityAsync(lease.Message.MessageId, lease.Message.PopReceipt, _options.VisibilityTimeout,
                    cancellationToken).ConfigureAwait(false);
                lease.Message = lease.Message.WithLease(renewed);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (StorageRequestException e) when (!e.IsTransient)
            {
                StagesLog.LeaseLost(_dispatcher.Environment.Logger, task, e.Message);
                return;
            }
            catch (StorageRequestException)
            {
                // Transient: try again next period.
            }
        }
    }

    private sealed class Lease(QueueMessage message)
    {
        public QueueMessage Message { get; set; } = message;
    }
}
