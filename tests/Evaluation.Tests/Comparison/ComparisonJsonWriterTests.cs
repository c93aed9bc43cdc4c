using System.Globalization;
using System.Text.Json;
using Pipeline.Evaluation.Comparison;
using static Pipeline.Evaluation.Tests.Comparison.ComparisonFixtures;

namespace Pipeline.Evaluation.Tests.Comparison;

public sealed class ComparisonJsonWriterTests
{
    [Fact]
    public void Every_value_of_the_model_reads_back_unchanged()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]);
        using var json = JsonDocument.Parse(ComparisonJsonWriter.Serialize(report));
        var root = json.RootElement;

        Assert.Equal("pipeline-compare", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(report.BaselineName, root.GetProperty("baseline").GetString());
        Assert.Equal(report.RunNames, root.GetProperty("runs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(report.ComparisonCount, root.GetProperty("comparisons").GetInt32());

        var settings = root.GetProperty("settings");
        var options = report.Options;
        Assert.Equal(options.Permutations, settings.GetProperty("permutations").GetInt32());
        Assert.Equal(options.ExactRandomizationMaxQueries, settings.GetProperty("exact_randomization_max_queries").GetInt32());
        Assert.Equal(options.BootstrapResamples, settings.GetProperty("bootstrap_resamples").GetInt32());
        Assert.Equal(options.ConfidenceLevel, settings.GetProperty("confidence_level").GetDouble());
        Assert.Equal(options.Seed, settings.GetProperty("seed").GetUInt64());
        Assert.Equal(options.TieEpsilon, settings.GetProperty("tie_epsilon").GetDouble());
        Assert.Equal(options.SignificanceLevel, settings.GetProperty("significance_level").GetDouble());
        Assert.Equal("holm", settings.GetProperty("p_value_adjustment").GetString());

        var measures = root.GetProperty("measures").EnumerateArray().ToArray();
        Assert.Equal(report.Measures.Count, measures.Length);
        for (var m = 0; m < measures.Length; m++)
        {
            var expected = report.Measures[m];
            Assert.Equal(expected.Measure, measures[m].GetProperty("measure").GetString());
            Assert.Equal(expected.QueryCount, measures[m].GetProperty("query_count").GetInt32());
            Assert.Equal(expected.BaselineMean, measures[m].GetProperty("baseline_mean").GetDouble());
            var runs = measures[m].GetProperty("runs").EnumerateArray().ToArray();
            Assert.Equal(expected.Runs.Count, runs.Length);
            for (var r = 0; r < runs.Length; r++)
            {
                Assert.Equal(expected.Runs[r], ReadRun(runs[r], expected.Runs[r]));
                Assert.Equal(expected.Runs[r].TTestPValueHolm < options.SignificanceLevel,
                    runs[r].GetProperty("t_test").GetProperty("significant").GetBoolean());
                Assert.Equal(expected.Runs[r].RandomizationPValueHolm < options.SignificanceLevel,
                    runs[r].GetProperty("randomization").GetProperty("significant").GetBoolean());
            }
        }
    }

    [Fact]
    public void Property_names_are_the_documented_snake_case_ones_in_a_stable_order()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["P_10"]);
        using var json = JsonDocument.Parse(ComparisonJsonWriter.Serialize(report));
        var root = json.RootElement;
        var measure = root.GetProperty("measures")[0];
        var run = measure.GetProperty("runs")[0];

        Assert.Equal(["format", "version", "baseline", "runs", "comparisons", "settings", "measures"], Names(root));
        Assert.Equal(
            ["permutations", "exact_randomization_max_queries", "bootstrap_resamples", "confidence_level", "seed",
             "tie_epsilon", "significance_level", "p_value_adjustment"],
            Names(root.GetProperty("settings")));
        Assert.Equal(["measure", "query_count", "baseline_mean", "runs"], Names(measure));
        Assert.Equal(
            ["run", "mean", "difference", "relative_difference_percent", "wins", "ties", "losses", "missing_queries",
             "ignored_queries", "t_test", "randomization", "bootstrap_ci"],
            Names(run));
        Assert.Equal(["mean_difference", "std_dev", "t", "df", "p", "p_holm", "significant"], Names(run.GetProperty("t_test")));
        Assert.Equal(["exact", "patterns", "extreme", "p", "p_holm", "significant"], Names(run.GetProperty("randomization")));
        Assert.Equal(["level", "estimate", "lower", "upper"], Names(run.GetProperty("bootstrap_ci")));
    }

    [Fact]
    public void Undefined_and_infinite_numbers_are_written_as_null()
    {
        // A zero baseline mean leaves the relative difference undefined; one query leaves the t-test undefined;
        // a constant non-zero difference over two queries (exact in binary) gives t = +∞.
        var report = ComparisonBuilder.Compare(
        [
            Run("zero", ("P_5", Values(0.0)), ("P_10", Values(0.25, 0.5))),
            Run("one", ("P_5", Values(0.2)), ("P_10", Values(0.5, 0.75))),
        ], ["P_5", "P_10"]);
        using var json = JsonDocument.Parse(ComparisonJsonWriter.Serialize(report));
        var single = json.RootElement.GetProperty("measures")[0].GetProperty("runs")[0];
        Assert.Equal(JsonValueKind.Null, single.GetProperty("relative_difference_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, single.GetProperty("t_test").GetProperty("p").ValueKind);
        Assert.Equal(JsonValueKind.Null, single.GetProperty("t_test").GetProperty("t").ValueKind);
        Assert.Equal(JsonValueKind.Null, single.GetProperty("t_test").GetProperty("std_dev").ValueKind);
        Assert.False(single.GetProperty("t_test").GetProperty("significant").GetBoolean());

        var shifted = json.RootElement.GetProperty("measures")[1].GetProperty("runs")[0];
        Assert.True(double.IsPositiveInfinity(report.Measures[1].Runs[0].TTest.TStatistic));
        Assert.Equal(JsonValueKind.Null, shifted.GetProperty("t_test").GetProperty("t").ValueKind);
        Assert.Equal(0.0, shifted.GetProperty("t_test").GetProperty("p").GetDouble());
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns());
        var expected = ComparisonJsonWriter.Serialize(report);
        var original = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(expected, ComparisonJsonWriter.Serialize(report));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Lines_end_in_line_feeds_only()
    {
        var text = ComparisonJsonWriter.Serialize(ComparisonBuilder.Compare(ThreeRuns()));
        Assert.DoesNotContain('\r', text);
        Assert.StartsWith("{\n  \"format\": \"pipeline-compare\",\n", text, StringComparison.Ordinal);
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static double Number(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : element.GetProperty(name).GetDouble();

    /// <summary>Rebuilds a run from its JSON; the Holm values the model keeps are compared through p_holm.</summary>
    private static RunComparison ReadRun(JsonElement run, RunComparison model)
    {
        var t = run.GetProperty("t_test");
        var randomization = run.GetProperty("randomization");
        var ci = run.GetProperty("bootstrap_ci");
        return new RunComparison
        {
            RunName = run.GetProperty("run").GetString()!,
            Mean = Number(run, "mean"),
            Difference = Number(run, "difference"),
            RelativeDifferencePercent = run.GetProperty("relative_difference_percent").ValueKind == JsonValueKind.Null
                ? null
                : run.GetProperty("relative_difference_percent").GetDouble(),
            WinTieLoss = new(run.GetProperty("wins").GetInt32(), run.GetProperty("ties").GetInt32(), run.GetProperty("losses").GetInt32()),
            TTest = new(model.TTest.Count, Number(t, "mean_difference"), Number(t, "std_dev"), Number(t, "t"),
                t.GetProperty("df").GetInt32(), Number(t, "p")),
            Randomization = new(model.Randomization.Count, model.Randomization.ObservedMeanDifference, Number(randomization, "p"),
                randomization.GetProperty("exact").GetBoolean(), randomization.GetProperty("patterns").GetInt64(),
                randomization.GetProperty("extreme").GetInt64()),
            Bootstrap = new(Number(ci, "estimate"), Number(ci, "lower"), Number(ci, "upper"), Number(ci, "level")),
            TTestPValueHolm = Number(t, "p_holm"),
            RandomizationPValueHolm = Number(randomization, "p_holm"),
            MissingQueryCount = run.GetProperty("missing_queries").GetInt32(),
            IgnoredQueryCount = run.GetProperty("ignored_queries").GetInt32(),
        };
    }
}
