using System.Text.Json.Nodes;
using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

/// <summary>Job specs the tests start from, and helpers that edit them and collect the reader's problems.</summary>
internal static class JobSpecs
{
    /// <summary>Every section, most fields away from their defaults: BM25 + dense + RRF, passage reranking, a depth sweep.</summary>
    public const string Full =
        """
        {
          "version": 1,
          "jobId": "scifact-hybrid.v2",
          "corpus": { "location": "data/corpus.jsonl.gz", "format": "jsonl", "idField": "doc", "titleField": "headline", "textField": "body" },
          "queries": { "location": "data/queries.test.tsv", "format": "tsv" },
          "qrels": { "location": "az://beir/scifact/qrels.test.txt", "format": "trec" },
          "sharding": { "shards": 7 },
          "firstStage": {
            "bm25": { "k": 500, "k1": 1.2, "b": 0.75, "analyzer": "plain", "fields": ["text"] },
            "dense": {
              "model": { "location": "models/bge-small", "device": "cuda:1", "requireDevice": true, "threads": 4, "maxLength": 256, "tokenBudget": 32768, "maxBatchSize": 64,
                         "cudaOptions": { "use_tf32": "0", "gpu_mem_limit": "8589934592" } },
              "k": 300, "pooling": "cls", "normalize": false
            },
            "fusion": { "method": "rrf", "rrfK": 20, "k": 200 }
          },
          "rerank": {
            "model": { "location": "az://models/minilm-l6" },
            "input": "fusion",
            "depth": 150,
            "maxQueryTokens": 32,
            "passages": { "length": 200, "stride": 100, "aggregation": "sum", "maxPerDocument": 4 },
            "scoresAreMeaningless": true
          },
          "evaluation": {
            "measures": ["ndcg_cut.10", "recip_rank@10", "P.5,10", "map"],
            "relevanceLevel": 2,
            "depthSweep": [100, 10, 50, 20, 50],
            "baseline": "bm25",
            "significance": { "test": "randomization", "level": 0.01, "permutations": 5000, "seed": 7 }
          },
          "execution": { "queryBlockSize": 25 }
        }
        """;

    /// <summary>Only what is required: everything else takes its default.</summary>
    public const string Minimal =
        """
        {
          "version": 1,
          "jobId": "minimal",
          "corpus": { "location": "corpus.jsonl" },
          "queries": { "location": "queries.tsv" },
          "firstStage": { "bm25": {} }
        }
        """;

    /// <summary>
    /// <paramref name="json"/> with <paramref name="edits"/> applied: <c>a.b.c=JSON</c> sets a value (creating objects on the
    /// way), <c>a.b.c=</c> removes it; a numeric segment indexes an array.
    /// </summary>
    public static string Edit(string json, params string[] edits)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var edit in edits)
        {
            var equals = edit.IndexOf('=', StringComparison.Ordinal);
            var segments = edit[..equals].Split('.');
            var value = edit[(equals + 1)..];
            var parent = root;
            foreach (var segment in segments[..^1])
            {
                parent = int.TryParse(segment, out var i) ? parent[i]! : parent[segment] ??= new JsonObject();
            }
            var last = segments[^1];
            if (int.TryParse(last, out var index))
            {
                parent[index] = JsonNode.Parse(value);
            }
            else if (value.Length == 0)
            {
                parent.AsObject().Remove(last);
            }
            else
            {
                parent[last] = JsonNode.Parse(value);
            }
        }
        return root.ToJsonString();
    }

    /// <summary>The problems the reader reports for <paramref name="json"/> (which must be invalid).</summary>
    public static IReadOnlyList<JobSpecError> Errors(string json) => Assert.Throws<JobSpecException>(() => JobSpecReader.Read(json, "job.json")).Errors;

    /// <summary>The JSON paths of the problems the reader reports for <paramref name="json"/>.</summary>
    public static IReadOnlyList<string> Paths(string json) => [.. Errors(json).Select(e => e.Path)];
}
