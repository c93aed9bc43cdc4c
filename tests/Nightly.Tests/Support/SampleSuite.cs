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
}
