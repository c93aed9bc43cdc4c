using System.CommandLine;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Evaluation;
using Pipeline.Formats.Trec;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pipeline-functions-tests", Guid.NewGuid().ToString("N"));

    private static string Data(string name) => CompareCommandTests.Data(name);

    private string Out => Path.Combine(_directory, "out");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Runs the verb with a fixed clock (the CLI itself uses the system clock).</summary>
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = new RootCommand { ReportCommand.Create(new FixedClock(Now)) };
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static double Summary(string runFile, string specification, string measure)
    {
        var qrels = QrelsReader.Read(Data("qrels.txt"));
        var options = new EvaluationOptions { Measures = [specification], CompleteQueries = true };
        return TrecEvaluator.Evaluate(qrels, TrecRunReader.Read(Data(runFile)), options).Summary(measure);
    }

    private static string Metric(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static XDocument ParseHtml(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static XElement Chart(XDocument page, string css) =>
        page.Descendants("svg").Single(s => s.Attribute("class")?.Value == css);

    private string[] ReportArgs(params string[] extra) =>
        ["report", "--out", Out, .. extra, Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"), Data("third.run.txt")];

    [Fact]
    public void The_report_is_written_as_markdown_and_html_and_both_paths_are_printed()
    {
        var (exit, output, error) = Run(ReportArgs("-m", "ndcg_cut.10", "-m", "map", "--title", "Fixture runs"));

        var markdownPath = Path.Combine(Out, "report.md");
        var htmlPath = Path.Combine(Out, "report.html");
        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal([markdownPath, htmlPath], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal(["report.html", "report.md"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var markdown = File.ReadAllLines(markdownPath);
        Assert.Equal("# Fixture runs", markdown[0]);
        Assert.Contains("Generated 2026-01-02 03:04:05 UTC.", markdown);
        var baselineRow = $"| first.run.txt (baseline) | {Metric(Summary("first.run.txt", "ndcg_cut.10", "ndcg_cut_10"))} | {Metric(Summary("first.run.txt", "map", "map"))} |";
        Assert.Contains(baselineRow, markdown);
    }

    [Fact]
    public void The_html_chart_has_one_bar_per_qrels_query()
    {
        var (exit, _, _) = Run(ReportArgs("-m", "map"));

        var qrels = QrelsReader.Read(Data("qrels.txt"));
        var page = ParseHtml(Path.Combine(Out, "report.html"));
        var bars = Chart(page, "chart difference").Descendants("rect")
            .Where(r => r.Attribute("class")!.Value.StartsWith("bar ", StringComparison.Ordinal));
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(qrels.QueryCount, bars.Count());
    }

    [Fact]
    public void With_depths_the_depth_chart_has_one_point_per_depth_for_every_run()
    {
        int[] depths = [2, 5, 10, 20];

        var (exit, _, error) = Run(ReportArgs("-m", "ndcg_cut.10", "--depths", "20,2,10,5"));

        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        var page = ParseHtml(Path.Combine(Out, "report.html"));
        var series = Chart(page, "chart depth").Descendants("g").Where(g => g.Attribute("class")?.Value == "run").ToArray();
        Assert.Equal(3, series.Length);
        Assert.All(series, s => Assert.Equal(depths.Length, s.Descendants("circle").Count()));

        // At depth 20 (every candidate) the reranked run, which scored all of them, is itself; the baseline is flat.
        var markdown = File.ReadAllLines(Path.Combine(Out, "report.md"));
        var baseline = Metric(Summary("first.run.txt", "ndcg_cut.10", "ndcg_cut_10"));
        var reranked = Metric(Summary("reranked.run.txt", "ndcg_cut.10", "ndcg_cut_10"));
        Assert.Equal(["| 20", baseline, reranked], markdown.Single(l => l.StartsWith("| 20 |", StringComparison.Ordinal)).Split(" | ").Take(3));
        Assert.All(depths, d => Assert.Equal(baseline, markdown.Single(l => l.StartsWith($"| {d} |", StringComparison.Ordinal)).Split(" | ")[1]));
    }

    [Fact]
    public void The_output_folder_is_created_and_an_old_report_is_replaced_without_leftovers()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "report.md"), "old");

        var (exit, _, _) = Run(ReportArgs("-m", "map"));

        Assert.Equal(CliApp.Ok, exit);
        Assert.StartsWith("# Evaluation report", File.ReadAllText(Path.Combine(Out, "report.md")), StringComparison.Ordinal);
        Assert.Equal(["report.html", "report.md"], Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_malformed_run_is_bad_input_and_writes_nothing()
    {
        var (exit, output, error) = Run("report", "--out", Out, Data("qrels.txt"), Data("first.run.txt"), Data("run.malformed.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: {Data("run.malformed.txt")}:2: ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("10,x", "error: --depths: 'x' is not a positive whole number (expected a list such as 10,20,50,100)")]
    [InlineData("0,10", "error: --depths: '0' is not a positive whole number (expected a list such as 10,20,50,100)")]
    public void Bad_depths_are_bad_input(string depths, string message)
    {
        var (exit, _, error) = Run(ReportArgs("--depths", depths));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(message, error.TrimEnd());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Fewer_than_two_runs_is_bad_input()
    {
        var (exit, _, error) = Run("report", "--out", Out, Data("qrels.txt"), Data("first.run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: report needs a qrels file and at least two runs (got 1 run)", error.TrimEnd());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void An_unknown_measure_or_test_is_bad_input()
    {
        var (measureExit, _, measureError) = Run(ReportArgs("-m", "nope"));
        var (testExit, _, testError) = Run(ReportArgs("--test", "wilcoxon"));

        Assert.Equal(CliApp.BadInput, measureExit);
        Assert.StartsWith("error: unknown measure 'nope'", measureError, StringComparison.Ordinal);
        Assert.Equal(CliApp.BadInput, testExit);
        Assert.Equal("error: --test must be 'perm' or 't' (got 'wilcoxon')", testError.TrimEnd());
    }

    [Fact]
    public void The_verb_is_registered_and_its_help_lists_its_options()
    {
        using var stdout = new StringWriter();

        var exit = CliApp.Run(["report", "--help"], stdout, TextWriter.Null);

        Assert.Equal(CliApp.Ok, exit);
        foreach (var text in new[] { "--depths", "--out", "--title", "--test", "-m", "-l", "-M", "report.md", "report.html" })
        {
            Assert.Contains(text, stdout.ToString(), StringComparison.Ordinal);
        }
    }
}
