using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Tests;

/// <summary>Deterministic reports for the writer tests, with values from simple formulas (no randomness).</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 3, 14, 17, 5, 9, TimeSpan.FromHours(2));

    public static readonly int[] Depths = [10, 20, 50, 100, 200, 1000];

    /// <summary>
    /// Three runs (bm25 baseline, monot5, a run named like an attack), four measures, a per-query comparison of
    /// <paramref name="queryCount"/> queries and a depth sweep.
    /// </summary>
    public static EvaluationReport Full(int queryCount = 60, string thirdRun = "ce <script>alert(1)</script> | x")
    {
        ReportMeasure[] measures =
        [
            new("ndcg_cut_10"),
            new("recip_rank"),
            new("map"),
            new("recall_1000"),
        ];
        double[] bm25 = [0.4213, 0.3527, 0.2954, 0.8391];
        double[] monot5 = [0.5137, 0.4372, 0.3310, 0.8391];
        double[] third = [0.4120, 0.3601, 0.2801, 0.8391];
        var metrics = new List<MetricCell>();
        for (var m = 0; m < measures.Length; m++)
        {
            metrics.Add(new MetricCell("bm25", measures[m].Id, bm25[m]));
            metrics.Add(new MetricCell("monot5", measures[m].Id, monot5[m])
            {
                Delta = monot5[m] - bm25[m],
                PValue = m == 3 ? 1.0 : 0.00002 * (m + 1),
                Marker = m == 3 ? null : "†",
            });
            metrics.Add(new MetricCell(thirdRun, measures[m].Id, third[m])
            {
                Delta = third[m] - bm25[m],
                PValue = 0.2 + (0.1 * m),
            });
        }
        return new EvaluationReport
        {
            Title = "MS MARCO dev: reranking <small> & friends",
            GeneratedAt = GeneratedAt,
            QrelsFile = "samples/msmarco/qrels.dev.tsv",
            Runs =
            [
                new ReportRun("bm25", isBaseline: true, file: "runs/bm25.trec"),
                new ReportRun("monot5", file: "runs/monot5.trec"),
                new ReportRun(thirdRun, file: "runs/ce&co.trec"),
            ],
            Measures = measures,
            Metrics = metrics,
            SignificanceNote = "† p < 0.05, two-sided paired t-test against bm25.",
            PerQuery = PerQuery(queryCount),
            DepthSweep = new DepthSweep
            {
                Measure = new ReportMeasure("ndcg_cut_10"),
                Depths = Depths,
                Series =
                [
                    new DepthSeries("bm25", [0.4213, 0.4213, 0.4213, 0.4213, 0.4213, 0.4213]),
                    new DepthSeries("monot5", [0.4702, 0.4911, 0.5064, 0.5137, 0.5160, 0.5171]),
                    new DepthSeries(thirdRun, [0.4301, 0.4255, 0.4198, 0.4120, 0.4079, 0.4011]),
                ],
            },
        };
    }

    /// <summary>
    /// Per-query nDCG@10 of monot5 against bm25: query i has baseline (i·37 mod 101)/100 and a difference of
    /// ((i·53 mod 41) − 16)/50, clamped to [0, 1]; every seventh query is unchanged.
    /// </summary>
    public static PerQueryComparison PerQuery(int queryCount)
    {
        var queries = new PerQueryValue[queryCount];
        for (var i = 0; i < queryCount; i++)
        {
            var baseline = (i * 37 % 101) / 100.0;
            var difference = i % 7 == 0 ? 0 : ((i * 53 % 41) - 16) / 50.0;
            var compared = Math.Clamp(baseline + difference, 0, 1);
            queries[i] = new PerQueryValue($"q{1000 + (i * 7919 % 9000)}", baseline, compared);
        }
        return new PerQueryComparison
        {
            Measure = new ReportMeasure("ndcg_cut_10"),
            BaselineRun = "bm25",
            ComparedRun = "monot5",
            Queries = queries,
        };
    }
}
