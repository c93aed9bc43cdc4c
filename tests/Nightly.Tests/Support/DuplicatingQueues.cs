using Pipeline.Storage.Queues;

namespace Pipeline.Nightly.Tests.Support;

/// <summary>Real queues whose every message is sent twice (a sender that retried after a lost acknowledgement).</summary>
internal sealed class DuplicatingQueues(IMessageQueueProvider inner) : IMessageQueueProvider
{
    public IMessageQueue GetQueue(string name) => new Duplicating(inner.GetQueue(name));

    private sealed class Duplicating(IMessageQueue queue) : IMessageQueue
    {
        public string Name => queue.Name;

        public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) => queue.CreateIfMissingAsync(cancellationToken);

        public async Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
            CancellationToken cancellationToken = default)
        {
            await queue.SendAsync(text, visibilityDelay, timeToLive, cancellationToken);
            return await queue.SendAsync(text, visibilityDelay, timeToLive, cancellationToken);
        }

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            queue.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task<bool> DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            queue.DeleteAsync(messageId, popReceipt, cancellationToken);

        public Task<MessageLease> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout,
            CancellationToken cancellationToken = default) => queue.UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);

        public Task<bool> MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
            queue.MoveToPoisonAsync(message, cancellationToken);
    }
}
