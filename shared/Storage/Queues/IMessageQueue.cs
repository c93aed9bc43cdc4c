namespace Pipeline.Storage.Queues;

/// <summary>
/// A queue with leases (Azure Storage queue semantics): a received message stays invisible for its visibility
/// timeout and is delivered again after it unless deleted with its pop receipt; every delivery increments its
/// dequeue count; renewing the lease (<see cref="UpdateVisibilityAsync"/>) returns a new pop receipt.
/// Implementations: <see cref="AzureMessageQueue"/> and <see cref="InMemoryMessageQueue"/>.
/// </summary>
/// <remarks>Times are whole seconds (fractions round up), as the service counts them.</remarks>
public interface IMessageQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>The name of this queue's poison twin: <c>{Name}-poison</c>.</summary>
    string PoisonQueueName => Name + "-poison";

    /// <summary>Creates the queue when it does not exist; does nothing when it does.</summary>
    Task CreateIfMissingAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a message.</summary>
    /// <param name="text">The message text (the Azure queue sends it Base64-encoded, as the Functions host expects).</param>
    /// <param name="visibilityDelay">How long the message stays invisible first; default none; at most 7 days.</param>
    /// <param name="timeToLive">How long it lives; default 7 days; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1–32) visible messages and leases each for
    /// <paramref name="visibilityTimeout"/> (1 s – 7 days). Returns an empty list when none is visible.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a received message; false when the pop receipt is no longer valid (the message was received again,
    /// or deleted) — the caller's lease is lost.
    /// </summary>
    Task<bool> DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the lease of a received message: it stays invisible for <paramref name="visibilityTimeout"/> (0 – 7 days)
    /// from now. The returned pop receipt replaces the old one. A lost lease raises
    /// <see cref="StorageRequestException"/>: 400 <c>PopReceiptMismatch</c> when the message was received again,
    /// 404 <c>MessageNotFound</c> when it is gone.
    /// </summary>
    Task<MessageLease> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a received message to <see cref="PoisonQueueName"/> (created if missing): sends its text there, then
    /// deletes it here. False when the lease was lost (the copy may then exist twice; poison handling is idempotent).
    /// </summary>
    Task<bool> MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken = default);
}
