namespace Pipeline.Functions.Tests.Serve.Support;

/// <summary>One <c>pipeline serve</c> process shared by a test class; each test uses its own job ids.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    private ServeProcess? _serve;

    public ServeProcess Serve => _serve ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _serve = await ServeProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }
    }

    /// <summary>A BM25-only Cranfield job (2 shards, 4 query blocks of 60), corrupt corpus lines skipped.</summary>
    public static string Bm25Job(string jobId, int k = 100) => $$"""
        {
          "version": 1,
          "jobId": "{{jobId}}",
          "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
          "queries": { "location": "cranfield/queries.tsv" },
          "qrels": { "location": "cranfield/qrels.txt" },
          "sharding": { "shards": 2 },
          "firstStage": { "bm25": { "k": {{k}} } },
          "execution": { "queryBlockSize": 60 }
        }
        """;

    /// <summary>A fresh job id for a test.</summary>
    public static string NewJobId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
