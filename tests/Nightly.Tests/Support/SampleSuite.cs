using System.Globalization;

namespace Pipeline.Nightly.Tests.Support;

/// <summary>The sample suite: BM25 over Cranfield (fast), nDCG@10 and MAP of the bm25 run tracked.</summary>
internal static class SampleSuite
{
    public static string Json(double k1 = 0.9) => $$"""
        {
          "version": 1,
          "suite": "cranfield",
          "jobs": [
            {
              "name": "bm25",
              "job": {
                "version": 1,
                "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
                "queries": { "location": "cranfield/queries.tsv" },
                "qrels": { "location": "cranfield/qrels.txt" },
                "sharding": { "shards": 1 },
                "firstStage": { "bm25": { "k": 100, "k1": {{k1.ToString(CultureInfo.InvariantCulture)}} } },
                "evaluation": { "measures": ["ndcg_cut.10", "map"] }
              }
            }
          ],
          "track": [ { "run": "bm25", "measure": "ndcg_cut_10" }, { "job": "bm25", "run": "bm25", "measure": "map" } ],
          "thresholds": { "minDrop": 0.01, "significance": 0.05, "rollingNights": 7 }
        }
        """;

    /// <summary>
    /// Two BM25 jobs over Cranfield (default parameters, and b = 0.3), nDCG@10 of the bm25 run tracked in both and MAP in the
    /// first; <paramref name="extraJobs"/> adds jobs (JSON objects) after them.
    /// </summary>
    public static string TwoJobs(string extraJobs = "") => $$"""
        {
          "version": 1,
          "suite": "cran",
          "jobs": [
            { "name": "bm25", "job": {{Bm25Job("")}} },
            { "name": "bm25-b03", "job": {{Bm25Job(", \"b\": 0.3")}} }{{extraJobs}}
          ],
          "track": [ { "run": "bm25", "measure": "ndcg_cut_10" }, { "job": "bm25", "run": "bm25", "measure": "map" } ]
        }
        """;

    /// <summary>A one-shard BM25 Cranfield job; <paramref name="bm25"/> adds BM25 parameters, <paramref name="onBadRecord"/> and <paramref name="qrels"/> vary its inputs.</summary>
    public static string Bm25Job(string bm25, string onBadRecord = "skip", string qrels = "cranfield/qrels.txt") => $$"""
        { "version": 1, "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "{{onBadRecord}}" },
          "queries": { "location": "cranfield/queries.tsv" }, "qrels": { "location": "{{qrels}}" }, "sharding": { "shards": 1 },
          "firstStage": { "bm25": { "k": 100{{bm25}} } }, "evaluation": { "measures": ["ndcg_cut.10", "map"] } }
        """;
}
