using Pipeline.Reporting.Html;
using Pipeline.Reporting.Markdown;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Tests.Model;

public class ReportValidationTests
{
    public static TheoryData<string, string> InconsistentReports => new()
    {
        { "unknown run", "Inconsistent evaluation report: metric cell (bm42, map) names run 'bm42', which is not in the run list." },
        { "unknown measure", "Inconsistent evaluation report: metric cell (bm25, ndcg) names measure 'ndcg', which is not in the measure list." },
        { "duplicate cell", "Inconsistent evaluation report: metric cell (bm25, map) appears twice." },
        { "two baselines", "Inconsistent evaluation report: 2 runs are marked as baseline; at most one may be." },
        { "NaN mean", "Inconsistent evaluation report: metric cell (bm25, map) has a mean that is not a finite number." },
        { "p-value above one", "Inconsistent evaluation report: metric cell (bm25, map) has a p-value outside [0, 1]." },
        { "duplicate query", "Inconsistent evaluation report: query 'q1' appears twice in the per-query comparison." },
        { "depths out of order", "Inconsistent evaluation report: depth 50 does not follow 100: depths must be positive and strictly increasing." },
        { "short series", "Inconsistent evaluation report: run 'bm25' has 1 depth values for 2 depths." },
    };

    [Theory]
    [MemberData(nameof(InconsistentReports))]
    public void Markdown_writer_rejects_an_inconsistent_report_before_writing_anything(string problem, string message)
    {
        using var output = new StringWriter();

        var error = Assert.Throws<ArgumentException>(() => MarkdownReportWriter.Write(Broken(problem), output));

        Assert.Equal((message, ""), (error.Message, output.ToString()));
    }

    [Theory]
    [MemberData(nameof(InconsistentReports))]
    public void Html_writer_rejects_an_inconsistent_report_before_writing_anything(string problem, string message)
    {
        using var output = new StringWriter();

        var error = Assert.Throws<ArgumentException>(() => HtmlReportWriter.Write(Broken(problem), output));

        Assert.Equal((message, ""), (error.Message, output.ToString()));
    }

    private static EvaluationReport Broken(string problem)
    {
        var map = new ReportMeasure("map");
        var queries = new List<PerQueryValue> { new("q1", 0.1, 0.2), new("q2", 0.3, 0.3) };
        var depths = new List<int> { 10, 100 };
        var series = new List<DepthSeries> { new("bm25", [0.2, 0.2]), new("t5", [0.25, 0.3]) };
        var cells = new List<MetricCell> { new("bm25", "map", 0.2), new("t5", "map", 0.3) };
        var runs = new List<ReportRun> { new("bm25", isBaseline: true), new("t5") };
        switch (problem)
        {
            case "unknown run": cells.Add(new MetricCell("bm42", "map", 0.1)); break;
            case "unknown measure": cells[0] = new MetricCell("bm25", "ndcg", 0.2); break;
            case "duplicate cell": cells.Add(new MetricCell("bm25", "map", 0.2)); break;
            case "two baselines": runs[1] = new ReportRun("t5", isBaseline: true); break;
            case "NaN mean": cells[0] = new MetricCell("bm25", "map", double.NaN); break;
            case "p-value above one": cells[0] = new MetricCell("bm25", "map", 0.2) { PValue = 1.5 }; break;
            case "duplicate query": queries.Add(new PerQueryValue("q1", 0, 0)); break;
            case "depths out of order": depths = [100, 50]; break;
            case "short series": series[0] = new DepthSeries("bm25", [0.2]); break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case");
        }
        return new EvaluationReport
        {
            Title = "broken",
            GeneratedAt = SampleReports.GeneratedAt,
            Runs = runs,
            Measures = [map],
            Metrics = cells,
            PerQuery = new PerQueryComparison { Measure = map, BaselineRun = "bm25", ComparedRun = "t5", Queries = queries },
            DepthSweep = new DepthSweep { Measure = map, Depths = depths, Series = series },
        };
    }
}
