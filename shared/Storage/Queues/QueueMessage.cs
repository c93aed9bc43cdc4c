namespace Pipeline.Storage.Queues;

/// <summary>A received message and its lease.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="PopReceipt">The lease's receipt, needed to delete the message or renew the lease.</param>
/// <param name="Text">The message text (decoded).</param>
/// <param name="DequeueCount">How many times it has been delivered, this delivery included.</param>
/// <param name="InsertedOn">When it was sent.</param>
/// <param name="ExpiresOn">When it expires; null when it never does.</param>
/// <param name="NextVisibleOn">When its lease ends and it becomes visible again.</param>
public sealed record QueueMessage(string MessageId, string PopReceipt, string Text, long DequeueCount,
    DateTimeOffset InsertedOn, DateTimeOffset? ExpiresOn, DateTimeOffset NextVisibleOn)
{
    /// <summary>This message with a renewed lease.</summary>
    public QueueMessage WithLease(MessageLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return this with { PopReceipt = lease.PopReceipt, NextVisibleOn = lease.NextVisibleOn };
    }
}
