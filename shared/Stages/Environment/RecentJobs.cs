namespace Pipeline.Stages.Environment;

/// <summary>
/// The jobs a per-process cache used most recently, by prefix (<c>{jobId}/</c>: a key up to its first slash), at most
/// a capacity of them: <see cref="Touch"/> marks a job most recent and returns the prefixes of the jobs it lets go, for
/// the cache to drop their entries. Thread-safe.
/// </summary>
/// <param name="capacity">How many jobs are kept (read at every touch, so the owner's setting may change).</param>
internal sealed class RecentJobs(Func<int> capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<string> _jobs = new();

    /// <summary>Marks the job of <paramref name="key"/> most recent; the prefixes let go, least recent first (none for a key without a job).</summary>
    public IReadOnlyList<string> Touch(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return [];
        }
        var job = key[..(slash + 1)];
        lock (_gate)
        {
            if (_jobs.First?.Value == job)
            {
                return [];
            }
            _jobs.Remove(job);
            _jobs.AddFirst(job);
            List<string> dropped = [];
            while (_jobs.Count > capacity())
            {
                dropped.Add(_jobs.Last!.Value);
                _jobs.RemoveLast();
            }
            return dropped;
        }
    }

    /// <summary>Forgets every job whose prefix starts with <paramref name="prefix"/> (a job evicted by its owner).</summary>
    public void Remove(string prefix)
    {
        lock (_gate)
        {
            for (var node = _jobs.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _jobs.Remove(node);
                }
                node = next;
            }
        }
    }
}
