using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Formats.Trec;
using Pipeline.Reporting.Assembly;

namespace Pipeline.Reporting.Tests.Assembly;

public class ComparisonReportAssemblerTests
{
    private static Dictionary<string, IReadOnlyDictionary<string, double>> Values(string measure, params double[] perQuery) =>
        new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            [measure] = perQuery.Select((v, i) => (Key: $"q{i:00}", Value: v)).ToDictionary(p => p.Key, p => p.Value),
        };

    [Fact]
    public void Cells_carry_means_deltas_and_the_chosen_tests_Holm_p_values_with_a_marker_only_below_alpha()
    {
        // 12 queries: run "up" is better on every one (significant), run "same" equals the baseline (not significant).
        var baseline = Enumerable.Range(0, 12).Select(i => 0.1 * (i % 5)).ToArray();
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>[] values =
        [
            Values("map", baseline),
            Values("map", baseline.Select(v => v + 0.2).ToArray()),
            Values("map", baseline),
        ];
        var comparison = ComparisonBuilder.Compare([("base", values[0]), ("up", values[1]), ("same", values[2])], ["map"]);

        var report = ComparisonReportAssembler.Build("t", DateTimeOffset.UnixEpoch, "qrels.txt", ["a.run", "b.run", "c.run"],
            comparison, values, SignificanceTest.Randomization, depthSweep: null);

        var up = comparison.Measures[0].Runs.Single(r => r.RunName == "up");
        var upCell = report.Metrics.Single(c => c.RunName == "up");
        Assert.Equal(up.Mean, upCell.Mean);
        Assert.Equal(up.Difference, upCell.Delta);
        Assert.Equal(up.RandomizationPValueHolm, upCell.PValue);
        Assert.True(up.RandomizationPValueHolm < 0.05);
        Assert.Equal(ComparisonReportAssembler.SignificanceMarker, upCell.Marker);
        var sameCell = report.Metrics.Single(c => c.RunName == "same");
        Assert.Null(sameCell.Marker);
        Assert.Null(report.Metrics.Single(c => c.RunName == "base").Delta);
        Assert.Equal(["a.run", "b.run", "c.run"], report.Runs.Select(r => r.File));
        Assert.True(report.Runs[0].IsBaseline);
    }

    [Fact]
    public void The_per_query_chart_pairs_the_first_two_runs_query_by_query()
    {
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>[] values =
            [Values("P_5", 0.2, 0.4, 0.0), Values("P_5", 0.6, 0.4, 0.2)];
        var comparison = ComparisonBuilder.Compare([("a", values[0]), ("b", values[1])], ["P_5"]);

        var report = ComparisonReportAssembler.Build("t", DateTimeOffset.UnixEpoch, null, [null, null], comparison, values,
            SignificanceTest.TTest, depthSweep: null);

        Assert.NotNull(report.PerQuery);
        Assert.Equal("a", report.PerQuery.BaselineRun);
        Assert.Equal("b", report.PerQuery.ComparedRun);
        Assert.Equal([("q00", 0.2, 0.6), ("q01", 0.4, 0.4), ("q02", 0.0, 0.2)],
            report.PerQuery.Queries.OrderBy(q => q.QueryId, StringComparer.Ordinal).Select(q => (q.QueryId, q.Baseline, q.Compared)));
    }

    [Fact]
    public void The_depth_sweep_draws_the_first_stage_flat_and_equals_the_reranked_run_at_full_depth()
    {
        var qrels = Qrels.FromJudgments([("q", "d1", 1), ("q", "d4", 1)]);
        var firstStage = TrecRun.FromResults("bm25", [("q", "d1", 4.0), ("q", "d2", 3.0), ("q", "d3", 2.0), ("q", "d4", 1.0)]);
        var reranked = TrecRun.FromResults("ce", [("q", "d4", 9.0), ("q", "d1", 8.0), ("q", "d2", 1.0), ("q", "d3", 0.5)]);
        var options = new EvaluationOptions { Measures = ["map"] };

        var sweep = ComparisonReportAssembler.Sweep(qrels, [firstStage, reranked], ["bm25", "ce"], [1, 4], "map", options);

        var firstStageMap = TrecEvaluator.Evaluate(qrels, firstStage, options).Summary("map");
        var rerankedMap = TrecEvaluator.Evaluate(qrels, reranked, options).Summary("map");
        Assert.Equal([firstStageMap, firstStageMap], sweep.Series[0].Values);
        Assert.Equal(rerankedMap, sweep.Series[1].Values[1]);
        Assert.Equal(firstStageMap, sweep.Series[1].Values[0]);
        Assert.NotEqual(firstStageMap, rerankedMap);
    }
}
