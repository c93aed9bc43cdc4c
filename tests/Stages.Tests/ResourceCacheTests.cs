using Pipeline.Stages.Environment;

namespace Pipeline.Stages.Tests;

public sealed class ResourceCacheTests
{
    [Fact]
    public void Per_shard_values_beyond_the_capacity_are_dropped_least_recently_used_first()
    {
        using var cache = new ResourceCache { ShardCapacity = 2 };
        var created = new List<string>();
        object Get(string key) => cache.GetOrCreateShard("index", key, () =>
        {
            created.Add(key);
            return new object();
        });

        var first = Get("job/0");
        Get("job/1");
        Assert.Same(first, Get("job/0")); // used again: job/1 is now the least recent
        Get("job/2");                      // drops job/1
        Assert.Same(first, Get("job/0"));
        Get("job/1");                      // created again; drops job/2

        Assert.Equal(["job/0", "job/1", "job/2", "job/1"], created);
        Get("job/2");
        Assert.Equal(["job/0", "job/1", "job/2", "job/1", "job/2"], created);
    }

    [Fact]
    public void Kinds_are_bounded_separately_and_plain_values_are_never_dropped()
    {
        using var cache = new ResourceCache { ShardCapacity = 1 };
        var statistics = cache.GetOrCreate("job/statistics", () => new object());
        var index = cache.GetOrCreateShard("index", "job/index/0", () => new object());
        var embeddings = cache.GetOrCreateShard("embeddings", "job/embeddings/0", () => new object());

        Assert.Same(index, cache.GetOrCreateShard("index", "job/index/0", () => new object()));
        Assert.Same(embeddings, cache.GetOrCreateShard("embeddings", "job/embeddings/0", () => new object()));
        cache.GetOrCreateShard("index", "job/index/1", () => new object());
        Assert.NotSame(index, cache.GetOrCreateShard("index", "job/index/0", () => new object()));
        Assert.Same(embeddings, cache.GetOrCreateShard("embeddings", "job/embeddings/0", () => new object()));
        Assert.Same(statistics, cache.GetOrCreate("job/statistics", () => new object()));
    }

    [Fact]
    public void Evicting_a_job_forgets_its_shard_values_and_their_recency()
    {
        using var cache = new ResourceCache { ShardCapacity = 2 };
        var a = cache.GetOrCreateShard("index", "a/0", () => new object());
        cache.GetOrCreateShard("index", "b/0", () => new object());

        cache.Evict("b/");
        cache.GetOrCreateShard("index", "a/1", () => new object());

        // Only a/0 and a/1 are tracked: a/0 was not dropped for the evicted b/0.
        Assert.Same(a, cache.GetOrCreateShard("index", "a/0", () => new object()));
    }

    [Fact]
    public void A_capacity_below_one_is_rejected()
    {
        using var cache = new ResourceCache();
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.ShardCapacity = 0);
    }

    [Fact]
    public void Values_of_the_least_recently_used_job_beyond_the_job_capacity_are_dropped_without_being_disposed()
    {
        using var cache = new ResourceCache { JobCapacity = 2 };
        var a = cache.GetOrCreate("a/model", () => new Disposable());
        var firstB = cache.GetOrCreate("b/model", () => new Disposable());
        Assert.Same(a, cache.GetOrCreate("a/model", () => new Disposable())); // a is the most recent again

        cache.GetOrCreate("c/model", () => new Disposable());                 // drops b, the least recent

        Assert.Same(a, cache.GetOrCreate("a/model", () => new Disposable()));
        var b = cache.GetOrCreate("b/model", () => new Disposable());         // b is loaded again; drops c
        Assert.NotSame(firstB, b);
        Assert.False(firstB.Disposed);
        Assert.False(a.Disposed);
        cache.Evict("b/");
        Assert.True(b.Disposed);                                               // an explicit eviction disposes
    }

    [Fact]
    public void A_job_capacity_below_one_is_rejected()
    {
        using var cache = new ResourceCache();
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.JobCapacity = 0);
    }

    private sealed class Disposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
