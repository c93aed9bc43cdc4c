using Pipeline.Evaluation.Comparison;
using Pipeline.Evaluation.Comparison.Statistics;
using static Pipeline.Evaluation.Tests.Comparison.ComparisonFixtures;

namespace Pipeline.Evaluation.Tests.Comparison;

public sealed class ComparisonBuilderTests
{
    [Fact]
    public void Means_differences_and_win_tie_loss_follow_the_per_query_values()
    {
        var report = ComparisonBuilder.Compare(
        [
            Run("base", ("ndcg_cut_10", Values(0.2, 0.4, 0.6, 0.8))),
            Run("new", ("ndcg_cut_10", Values(0.3, 0.4, 0.9, 0.8))),
        ]);

        var measure = Assert.Single(report.Measures);
        Assert.Equal("ndcg_cut_10", measure.Measure);
        Assert.Equal(4, measure.QueryCount);
        Assert.Equal(0.5, measure.BaselineMean, 1e-15);
        var run = Assert.Single(measure.Runs);
        Assert.Equal("new", run.RunName);
        Assert.Equal(0.6, run.Mean, 1e-15);
        Assert.Equal(0.1, run.Difference, 1e-15);
        Assert.Equal(20.0, run.RelativeDifferencePercent!.Value, 1e-12);
        Assert.Equal(new WinTieLoss(2, 2, 0), run.WinTieLoss);
        Assert.Equal(0, run.MissingQueryCount);
    }

    [Fact]
    public void The_relative_difference_is_undefined_when_the_baseline_mean_is_zero()
    {
        var report = ComparisonBuilder.Compare(
        [
            Run("base", ("P_5", Values(0, 0, 0))),
            Run("new", ("P_5", Values(0.2, 0, 0.4))),
        ]);
        var run = report.Measures[0].Runs[0];
        Assert.Null(run.RelativeDifferencePercent);
        Assert.Equal(0.2, run.Difference, 1e-15);
    }

    [Fact]
    public void A_query_missing_from_a_run_counts_as_zero_and_an_extra_query_is_ignored()
    {
        var baseline = Values(0.5, 0.25, 0.75, 0.5);
        var partial = new Dictionary<string, double>
        {
            [QueryId(0)] = 0.5, [QueryId(1)] = 0.5, [QueryId(3)] = 1.0, ["999"] = 1.0,
        };
        var report = ComparisonBuilder.Compare([Run("base", ("map", baseline)), Run("partial", ("map", partial))]);

        var run = report.Measures[0].Runs[0];
        Assert.Equal(1, run.MissingQueryCount);
        Assert.Equal(1, run.IgnoredQueryCount);
        Assert.Equal(4, report.Measures[0].QueryCount);
        Assert.Equal((0.5 + 0.5 + 0.0 + 1.0) / 4, run.Mean, 1e-15);
        Assert.Equal(new WinTieLoss(2, 1, 1), run.WinTieLoss);
    }

    [Fact]
    public void Statistics_are_those_of_the_differences_in_ordinal_query_order()
    {
        var runs = ThreeRuns();
        var report = ComparisonBuilder.Compare(runs);
        var map = report.Measures.Single(m => m.Measure == "map");
        var strong = map.Runs.Single(r => r.RunName == "strong");

        var ids = runs[0].PerQuery["map"].Keys.Order(StringComparer.Ordinal).ToArray();
        var differences = ids.Select(q => runs[1].PerQuery["map"][q] - runs[0].PerQuery["map"][q]).ToArray();
        Assert.Equal(PairedTTest.FromDifferences(differences), strong.TTest);
        Assert.Equal(PairedRandomizationTest.FromDifferences(differences), strong.Randomization);
        Assert.Equal(PercentileBootstrap.OfMean(differences), strong.Bootstrap);
        Assert.False(strong.Randomization.IsExact);
        Assert.True(map.Runs.Count == 2 && report.Measures.Single(m => m.Measure == "P_10").Runs[0].Randomization.IsExact);
    }

    [Fact]
    public void The_order_of_queries_in_the_input_does_not_change_the_report()
    {
        var runs = ThreeRuns();
        var reversed = runs.Select(r => (r.RunName, (IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>)
            r.PerQuery.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, double>)m.Value.Reverse().ToDictionary()))).ToList();
        Assert.Equal(
            ComparisonJsonWriter.Serialize(ComparisonBuilder.Compare(runs)),
            ComparisonJsonWriter.Serialize(ComparisonBuilder.Compare(reversed)));
    }

    [Fact]
    public void Holm_adjusts_each_family_across_every_run_and_measure_shown()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]);
        var all = report.Measures.SelectMany(m => m.Runs).ToArray();
        Assert.Equal(4, all.Length);
        Assert.Equal(4, report.ComparisonCount);

        Assert.Equal(HolmBonferroni.Adjust(all.Select(r => r.TTest.PValue).ToArray()), all.Select(r => r.TTestPValueHolm));
        Assert.Equal(HolmBonferroni.Adjust(all.Select(r => r.Randomization.PValue).ToArray()),
            all.Select(r => r.RandomizationPValueHolm));
        // The smallest p-value of a family of four is multiplied by four.
        var smallest = all.MinBy(r => r.TTest.PValue)!;
        Assert.Equal(Math.Min(1, 4 * smallest.TTest.PValue), smallest.TTestPValueHolm, 1e-15);
    }

    [Fact]
    public void A_comparison_does_not_depend_on_the_other_runs_shown()
    {
        var runs = ThreeRuns();
        var pair = ComparisonBuilder.Compare([runs[0], runs[1]]);
        var three = ComparisonBuilder.Compare(runs);
        foreach (var measure in new[] { "map", "P_10" })
        {
            var alone = pair.Measures.Single(m => m.Measure == measure).Runs[0];
            var withOthers = three.Measures.Single(m => m.Measure == measure).Runs.Single(r => r.RunName == "strong");
            Assert.Equal(alone.TTest, withOthers.TTest);
            Assert.Equal(alone.Randomization, withOthers.Randomization);
            Assert.Equal(alone.Bootstrap, withOthers.Bootstrap);
        }
    }

    [Fact]
    public void Measures_default_to_the_baselines_in_ordinal_order_and_keep_a_requested_order()
    {
        Assert.Equal(["P_10", "map"], ComparisonBuilder.Compare(ThreeRuns()).Measures.Select(m => m.Measure));
        Assert.Equal(["map", "P_10"], ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]).Measures.Select(m => m.Measure));
        Assert.Equal(["bm25", "strong", "noisy"], ComparisonBuilder.Compare(ThreeRuns()).RunNames);
    }

    [Fact]
    public void Options_are_recorded_and_change_the_statistics()
    {
        var options = new ComparisonOptions { ExactRandomizationMaxQueries = 0, Permutations = 500, Seed = 7, ConfidenceLevel = 0.9 };
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["P_10"], options);
        var run = report.Measures[0].Runs[0];
        Assert.Same(options, report.Options);
        Assert.False(run.Randomization.IsExact);
        Assert.Equal(500, run.Randomization.Patterns);
        Assert.Equal(0.9, run.Bootstrap.Level);
    }

    [Fact]
    public void Fewer_than_two_runs_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare([ThreeRuns()[0]]));
        Assert.Contains("at least two runs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_run_names_are_rejected()
    {
        var runs = ThreeRuns();
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare([runs[0], runs[1], runs[1]]));
        Assert.Contains("'strong' appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_measure_missing_from_a_run_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare(ThreeRuns(), ["map", "ndcg"]));
        Assert.Contains("Run 'bm25' has no values for measure 'ndcg'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_measure_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare(ThreeRuns(), ["map", "map"]));
        Assert.Contains("'map' is listed more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_value_is_named_with_its_run_measure_and_query()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare(
        [
            Run("base", ("map", Values(0.1, 0.2))),
            Run("broken", ("map", Values(0.1, double.NaN))),
        ]));
        Assert.Contains("Run 'broken' has a non-finite value (NaN) for measure 'map', query '102'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_measure_without_baseline_queries_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonBuilder.Compare(
        [
            Run("base", ("map", Values())),
            Run("other", ("map", Values(0.5))),
        ]));
        Assert.Contains("no queries for measure 'map'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ComparisonBuilder.Compare(ThreeRuns(), options: new ComparisonOptions { BootstrapResamples = 0 }));
        Assert.Equal("BootstrapResamples", error.ParamName);
    }
}
