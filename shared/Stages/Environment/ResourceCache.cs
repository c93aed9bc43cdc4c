using System.Collections.Concurrent;

namespace Pipeline.Stages.Environment;

/// <summary>
/// Expensive read-only things a process loads once and shares between tasks: model sessions, shard indexes, global
/// statistics, embeddings. Keys name the job and the blob or setting the value came from. Disposes what it holds.
/// </summary>
public sealed class ResourceCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _values = new(StringComparer.Ordinal);

    /// <summary>The value for <paramref name="key"/>, created by <paramref name="create"/> the first time (once, even under races).</summary>
    public T GetOrCreate<T>(string key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
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

    /// <summary>Drops (and disposes) every value whose key starts with <paramref name="prefix"/>, e.g. a finished job's.</summary>
    public void Evict(string prefix)
    {
        foreach (var key in _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (_values.TryRemove(key, out var lazy) && lazy.IsValueCreated && lazy.Value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Evict("");
}
