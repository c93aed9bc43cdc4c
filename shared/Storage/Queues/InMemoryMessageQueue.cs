namespace Pipeline.Storage.Queues;

/// <summary>
/// An in-process queue with the semantics of <see cref="AzureMessageQueue"/>, driven by the broker's
/// <see cref="TimeProvider"/>: a received message is invisible until its lease ends and is then delivered again with
/// a higher dequeue count; a pop receipt stays valid until the message is received again or its lease renewed;
/// expired messages disappear. Messages are delivered in the order they became visible, then sent.
/// </summary>
/// <remarks>Obtain instances from <see cref="InMemoryQueueBroker.GetQueue"/>. Thread-safe.</remarks>
public sealed class InMemoryMessageQueue : IMessageQueue
{
    private readonly InMemoryQueueBroker _broker;
    private readonly List<Entry> _messages = [];
    private readonly Lock _gate = new();
    private long _sequence;
    private bool _created;

    internal InMemoryMessageQueue(string name, InMemoryQueueBroker broker)
    {
        Name = name;
        _broker = broker;
    }

    /// <inheritdoc/>
    public string Name { get; }

    private TimeProvider Time => _broker.TimeProvider;

    /// <summary>Messages held now, visible or not, expired ones excluded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                RemoveExpired(Time.GetUtcNow());
                return _messages.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _created = true;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var delay = visibilityDelay ?? TimeSpan.Zero;
        QueueLimits.ValidateVisibility(delay, nameof(visibilityDelay));
        var ttl = QueueLimits.TimeToLiveSeconds(timeToLive, delay);
        lock (_gate)
        {
            EnsureCreated();
            var now = Time.GetUtcNow();
            var entry = new Entry(Guid.NewGuid().ToString("D"), text, now, ttl < 0 ? null : now.AddSeconds(ttl),
                ++_sequence)
            {
                NextVisibleOn = now.AddSeconds(QueueLimits.Seconds(delay)),
            };
            _messages.Add(entry);
            return Task.FromResult(new SentMessage(entry.Id, entry.InsertedOn, entry.ExpiresOn, entry.NextVisibleOn));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        QueueLimits.ValidateReceive(maxMessages, visibilityTimeout);
        lock (_gate)
        {
            EnsureCreated();
            var now = Time.GetUtcNow();
            RemoveExpired(now);
            var received = new List<QueueMessage>();
            foreach (var entry in _messages.Where(m => m.NextVisibleOn <= now)
                .OrderBy(static m => m.NextVisibleOn).ThenBy(static m => m.Sequence).Take(maxMessages).ToList())
            {
                entry.DequeueCount++;
                entry.PopReceipt = NewReceipt();
                entry.NextVisibleOn = now.AddSeconds(QueueLimits.Seconds(visibilityTimeout));
                received.Add(new QueueMessage(entry.Id, entry.PopReceipt, entry.Text, entry.DequeueCount, entry.InsertedOn,
                    entry.ExpiresOn, entry.NextVisibleOn));
            }
            return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(popReceipt);
        lock (_gate)
        {
            RemoveExpired(Time.GetUtcNow());
            var index = _messages.FindIndex(m => m.Id == messageId && m.PopReceipt == popReceipt);
            if (index < 0)
            {
                return Task.FromResult(false);
            }
            _messages.RemoveAt(index);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<MessageLease> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(popReceipt);
        QueueLimits.ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout));
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            RemoveExpired(now);
            var entry = _messages.Find(m => m.Id == messageId)
                ?? throw new StorageRequestException($"The message {messageId} of queue '{Name}' does not exist.",
                    404, "MessageNotFound", null, isTransient: false);
            if (entry.PopReceipt != popReceipt)
            {
                throw new StorageRequestException(
                    $"The pop receipt of message {messageId} of queue '{Name}' is no longer valid: it was received again or renewed.",
                    400, "PopReceiptMismatch", null, isTransient: false);
            }
            entry.PopReceipt = NewReceipt();
            entry.NextVisibleOn = now.AddSeconds(QueueLimits.Seconds(visibilityTimeout));
            return Task.FromResult(new MessageLease(entry.PopReceipt, entry.NextVisibleOn));
        }
    }

    /// <inheritdoc/>
    public async Task<bool> MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poison = _broker.GetQueue(((IMessageQueue)this).PoisonQueueName);
        await poison.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendAsync(message.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    private void EnsureCreated()
    {
        if (!_created)
        {
            throw new StorageRequestException($"The queue '{Name}' does not exist.", 404, "QueueNotFound", null, isTransient: false);
        }
    }

    private void RemoveExpired(DateTimeOffset now) => _messages.RemoveAll(m => m.ExpiresOn is { } expires && expires <= now);

    private static string NewReceipt() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    private sealed class Entry(string id, string text, DateTimeOffset insertedOn, DateTimeOffset? expiresOn, long sequence)
    {
        public string Id { get; } = id;

        public string Text { get; } = text;

        public DateTimeOffset InsertedOn { get; } = insertedOn;

        public DateTimeOffset? ExpiresOn { get; } = expiresOn;

        public long Sequence { get; } = sequence;

        public DateTimeOffset NextVisibleOn { get; set; }

        public long DequeueCount { get; set; }

        public string? PopReceipt { get; set; }
    }
}
