using System.Collections.Concurrent;

namespace Pipeline.Storage.Queues;

/// <summary>In-process queues (<see cref="InMemoryMessageQueue"/>) that share one clock; poison twins live here too.</summary>
public sealed class InMemoryQueueBroker : IMessageQueueProvider
{
    private readonly ConcurrentDictionary<string, InMemoryMessageQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>Creates a broker whose leases and expiries follow <paramref name="timeProvider"/> (default the system clock).</summary>
    public InMemoryQueueBroker(TimeProvider? timeProvider = null) => TimeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The clock of every queue of this broker.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc/>
    public IMessageQueue GetQueue(string name) => GetInMemoryQueue(name);

    /// <summary>The queue named <paramref name="name"/> as its concrete type (for tests that inspect it).</summary>
    public InMemoryMessageQueue GetInMemoryQueue(string name)
    {
        QueueLimits.ValidateName(name);
        return _queues.GetOrAdd(name, static (n, broker) => new InMemoryMessageQueue(n, broker), this);
    }
}
