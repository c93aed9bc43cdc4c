using System.Collections.Concurrent;

namespace Pipeline.Stages.Environment;

/// <summary>
/// Expensive read-only things a process loads once and shares between tasks: model sessions, shard indexes, global
/// statistics, embeddings. Keys name the job and the blob or setting the value came from (<c>{jobId}/{what}</c>).
/// Bounded two ways: per-shard values by <see cref="ShardCapacity"/> per kind, and whole jobs by
/// <see cref="JobCapacity"/> (a long-lived worker that never runs a job's last stage still lets it go). Disposes what
/// <see cref="Evict"/> removes; values dropped by a bound are left to the GC (a task may still be using them).
/// </summary>
public sealed class ResourceCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _values = new(StringComparer.Ordinal);
    private readonly Lock _recentGate = new();
    private readonly Dictionary<string, LinkedList<string>> _recent = new(StringComparer.Ordinal);
    private readonly RecentJobs _recentJobs;

    /// <summary>An empty cache with the default capacities.</summary>
    public ResourceCache() => _recentJobs = new RecentJobs(() => JobCapacity);

    /// <summary>
    /// How many jobs' values the process keeps: using a value of another job drops every value of the least recently
    /// used job beyond this many. Default 4.
    /// </summary>
    public int JobCapacity
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 4;

    /// <summary>
    /// How many per-shard values (<see cref="GetOrCreateShard{T}"/>) of one kind the process keeps: a shard's BM25
    /// searcher with its index, or its embeddings. Default 2; <c>pipeline run --parallel N</c> sets N when that is more.
    /// Memory for them is then bounded by this many shards, whatever the corpus size.
    /// </summary>
    public int ShardCapacity
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 2;

    /// <summary>The value for <paramref name="key"/>, created by <paramref name="create"/> the first time (once, even under races).</summary>
    public T GetOrCreate<T>(string key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        TouchJob(key);
        var lazy = _values.GetOrAdd(key, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)lazy.Value;
        }
        catch
        {
            // A failed creation is not cached: the next task tries again.
            _values.TryRemove(new KeyValuePair<string, Lazy<object>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="GetOrCreate{T}"/> for a per-shard value of kind <paramref name="kind"/>: the process keeps the
    /// <see cref="ShardCapacity"/> most recently used values of that kind and drops the others (without disposing them:
    /// a task still using one keeps it alive until it finishes, so these values must not need disposing).
    /// </summary>
    public T GetOrCreateShard<T>(string kind, string key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        var value = GetOrCreate(key, create);
        List<string> dropped;
        lock (_recentGate)
        {
            if (!_recent.TryGetValue(kind, out var recent))
            {
                _recent[kind] = recent = new LinkedList<string>();
            }
            recent.Remove(key);
            recent.AddFirst(key);
            dropped = [];
            while (recent.Count > ShardCapacity)
            {
                dropped.Add(recent.Last!.Value);
                recent.RemoveLast();
            }
        }
        foreach (var old in dropped)
        {
            _values.TryRemove(old, out _);
        }
        return value;
    }

    private void TouchJob(string key)
    {
        foreach (var prefix in _recentJobs.Touch(key))
        {
            Drop(prefix, dispose: false);
        }
    }

    /// <summary>Drops (and disposes) every value whose key starts with <paramref name="prefix"/>, e.g. a finished job's.</summary>
    public void Evict(string prefix) => Drop(prefix, dispose: true);

    private void Drop(string prefix, bool dispose)
    {
        lock (_recentGate)
        {
            foreach (var recent in _recent.Values)
            {
                for (var node = recent.First; node is not null;)
                {
                    var next = node.Next;
                    if (node.Value.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        recent.Remove(node);
                    }
                    node = next;
                }
            }
        }
        _recentJobs.Remove(prefix);
        foreach (var key in _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (_values.TryRemove(key, out var lazy) && dispose && lazy.IsValueCreated && lazy.Value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Evict("");
}
