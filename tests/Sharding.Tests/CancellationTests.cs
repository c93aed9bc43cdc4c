using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.Sharding.Tests;

/// <summary>A cancelled run stops, throws <see cref="OperationCanceledException"/> and leaves nothing behind.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class CancelAtFirstShard(CancellationTokenSource source) : IProgress<ShardProgress>
    {
        public void Report(ShardProgress value)
        {
            if (value.Phase == "write")
            {
                source.Cancel();
            }
        }
    }

    [DuckDbTheory]
    [InlineData(ShardParser.DuckDb, 1)]
    [InlineData(ShardParser.DuckDb, 2)]
    [InlineData(ShardParser.Reader, 1)]
    public void A_run_cancelled_after_its_first_shard_leaves_no_output(ShardParser parser, int threads)
    {
        var corpus = _dir.File("c.jsonl");
        File.WriteAllLines(corpus, Enumerable.Range(0, 20_000).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"text {i} {new string('x', i % 300)}\"}}"));
        using var source = new CancellationTokenSource();
        var output = _dir.File("out");

        Assert.ThrowsAny<OperationCanceledException>(() => CorpusSharder.Shard(corpus, output,
            new ShardOptions { ShardDocs = 1000, Parser = parser, Threads = threads }, new CancelAtFirstShard(source), source.Token));

        Assert.False(Directory.Exists(output));
        Assert.Equal(["c.jsonl"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }
}
