using System.Text.Json;
using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Formats.Trec;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public class CompareCommandTests
{
    private static readonly string[] RunFiles = ["first.run.txt", "reranked.run.txt", "third.run.txt"];

    internal static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "compare", name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>trec_eval -c per-query values of one fixture run, straight from the evaluator.</summary>
    private static IReadOnlyDictionary<string, double> Expected(string runFile, string specification, string measure)
    {
        var qrels = QrelsReader.Read(Data("qrels.txt"));
        var run = TrecRunReader.Read(Data(runFile));
        var result = TrecEvaluator.Evaluate(qrels, run, new EvaluationOptions { Measures = [specification], CompleteQueries = true });
        return result.PerQueryValues(measure);
    }

    private static double Mean(IReadOnlyDictionary<string, double> values) =>
        values.OrderBy(v => v.Key, StringComparer.Ordinal).Sum(v => v.Value) / values.Count;

    [Fact]
    public void Json_output_holds_the_evaluators_means_over_every_qrels_query()
    {
        var (exit, output, error) = Run(["compare", "--format", "json", "-m", "ndcg_cut.10", "-m", "map", Data("qrels.txt"), .. RunFiles.Select(Data)]);

        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("pipeline-compare", root.GetProperty("format").GetString());
        Assert.Equal(RunFiles, root.GetProperty("runs").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ndcg_cut_10", "map"], root.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()));
        foreach (var (measure, specification) in new[] { ("ndcg_cut_10", "ndcg_cut.10"), ("map", "map") })
        {
            var block = root.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == measure);
            var baseline = Expected(RunFiles[0], specification, measure);
            Assert.Equal(7, baseline.Count);
            Assert.Equal(baseline.Count, block.GetProperty("query_count").GetInt32());
            Assert.Equal(Mean(baseline), block.GetProperty("baseline_mean").GetDouble(), 12);
            var runs = block.GetProperty("runs").EnumerateArray().ToArray();
            Assert.Equal(RunFiles.Skip(1), runs.Select(r => r.GetProperty("run").GetString()));
            foreach (var run in runs)
            {
                var values = Expected(run.GetProperty("run").GetString()!, specification, measure);
                Assert.Equal(Mean(values), run.GetProperty("mean").GetDouble(), 12);
                Assert.Equal(Mean(values) - Mean(baseline), run.GetProperty("difference").GetDouble(), 12);
                Assert.Equal(values.Count(v => v.Value > baseline[v.Key]), run.GetProperty("wins").GetInt32());
                Assert.Equal(values.Count(v => v.Value < baseline[v.Key]), run.GetProperty("losses").GetInt32());
                Assert.Equal(0, run.GetProperty("missing_queries").GetInt32());
            }
        }
    }

    [Fact]
    public void The_table_is_the_comparison_of_the_evaluators_per_query_values()
    {
        var (exit, output, error) = Run(["compare", "-m", "P.5", "-M", "10", "-l", "2", "--seed", "7", "--permutations", "500", "--bootstrap", "300",
            Data("qrels.txt"), .. RunFiles.Select(Data)]);

        var qrels = QrelsReader.Read(Data("qrels.txt"));
        var options = new EvaluationOptions { Measures = ["P.5"], CompleteQueries = true, MaxDocsPerQuery = 10, RelevanceLevel = 2 };
        var runs = RunFiles
            .Select(f => (f, (IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>)new Dictionary<string, IReadOnlyDictionary<string, double>>
            {
                ["P_5"] = TrecEvaluator.Evaluate(qrels, TrecRunReader.Read(Data(f)), options).PerQueryValues("P_5"),
            }))
            .ToList();
        var expected = ComparisonTextWriter.Render(ComparisonBuilder.Compare(runs, ["P_5"],
            new ComparisonOptions { Seed = 7, Permutations = 500, BootstrapResamples = 300 }));
        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Without_measures_the_default_set_is_compared_in_its_documented_order()
    {
        var (exit, output, _) = Run("compare", "--format", "json", Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        Assert.Equal(CliApp.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(
            ["ndcg_cut_10", "recip_rank", "map", "recall_100"],
            json.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()));
    }

    [Fact]
    public void A_nickname_leaves_out_the_values_that_have_no_per_query_scores()
    {
        var (exit, output, error) = Run("compare", "--format", "json", "-m", "official", Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        var qrels = QrelsReader.Read(Data("qrels.txt"));
        var result = TrecEvaluator.Evaluate(qrels, TrecRunReader.Read(Data("first.run.txt")), new EvaluationOptions { Measures = ["official"], CompleteQueries = true });
        var perQuery = result.MeasureNames.Where(m => result.PerQueryValues(m).Count > 0).Order(StringComparer.Ordinal);
        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var compared = json.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()!).ToArray();
        Assert.Equal(perQuery, compared.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("num_q", compared);
        Assert.DoesNotContain("gm_map", compared);
    }

    [Theory]
    [InlineData("num_q")]
    [InlineData("gm_map")]
    [InlineData("gm_bpref")]
    [InlineData("runid")]
    [InlineData("relstring.10")]
    public void A_measure_without_per_query_values_is_bad_input(string measure)
    {
        var (exit, output, error) = Run("compare", "-m", "map", "-m", measure, Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: measure '{measure.Replace('.', '_')}' has no per-query values", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_run_is_bad_input_reported_with_its_file_and_line()
    {
        var (exit, output, error) = Run("compare", Data("qrels.txt"), Data("first.run.txt"), Data("run.malformed.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: {Data("run.malformed.txt")}:2: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_measure_is_bad_input()
    {
        var (exit, _, error) = Run("compare", "-m", "nope", Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith("error: unknown measure 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_two_runs_is_bad_input()
    {
        var (exit, output, error) = Run("compare", Data("qrels.txt"), Data("first.run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: compare needs a qrels file and at least two runs (got 1 run)", error.TrimEnd());
    }

    [Fact]
    public void A_missing_run_file_is_bad_input()
    {
        var missing = Data("no-such.run.txt");

        var (exit, _, error) = Run("compare", Data("qrels.txt"), Data("first.run.txt"), missing);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: run file not found: {missing}", error.TrimEnd());
    }

    [Theory]
    [InlineData("--format", "xml", "error: --format must be 'table' or 'json' (got 'xml')")]
    [InlineData("--permutations", "0", "error: --permutations must be at least 1")]
    [InlineData("--bootstrap", "0", "error: --bootstrap must be at least 1")]
    [InlineData("-M", "-1", "error: -M must not be negative")]
    public void An_option_out_of_range_is_bad_input(string option, string value, string message)
    {
        var (exit, _, error) = Run("compare", option, value, Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(message, error.TrimEnd());
    }

    [Fact]
    public void Runs_with_the_same_file_name_are_told_apart()
    {
        var a = Path.Combine("x", "a", "run.txt");
        var b = Path.Combine("x", "b", "run.txt");

        var names = RunComparisonInputs.RunNames([a, b, a, Path.Combine("x", "other.txt")]);

        Assert.Equal(["a/run.txt", "b/run.txt", "a/run.txt (2)", "other.txt"], names);
    }

    [Fact]
    public void The_same_run_given_twice_is_compared_under_two_names()
    {
        var (exit, output, _) = Run("compare", "--format", "json", "-m", "map", Data("qrels.txt"), Data("first.run.txt"), Data("first.run.txt"));

        Assert.Equal(CliApp.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["first.run.txt", "first.run.txt (2)"], json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetString()));
        var run = json.RootElement.GetProperty("measures")[0].GetProperty("runs")[0];
        Assert.Equal(0.0, run.GetProperty("difference").GetDouble());
        Assert.Equal(7, run.GetProperty("ties").GetInt32());
    }

    [Fact]
    public void Help_documents_the_options_and_the_default_measures()
    {
        var (exit, output, _) = Run("compare", "--help");

        Assert.Equal(CliApp.Ok, exit);
        foreach (var text in new[] { "-m", "-l", "-M", "--format", "--permutations", "--seed", "--bootstrap", "table|json",
            "ndcg_cut.10 recip_rank map recall.100", "num_q, gm_map, gm_bpref, runid, relstring" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }
    }
}
