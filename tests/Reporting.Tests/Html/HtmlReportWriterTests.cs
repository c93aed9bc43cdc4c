using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Tests.Html;

public class HtmlReportWriterTests
{
    private const string ScriptRun = "ce <script>alert(1)</script> | x";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Page_is_well_formed_xml_with_the_title_in_head_and_heading()
    {
        var report = SampleReports.Full();

        var page = Parse(Render(report));

        Assert.Equal("html", page.Root!.Name.LocalName);
        Assert.Equal(report.Title, page.Root.Element("head")!.Element("title")!.Value);
        Assert.Equal(report.Title, Descendants(page, "h1").Single().Value);
        Assert.Equal("2026-03-14T15:05:09Z", Descendants(page, "time").Single().Attribute("datetime")!.Value);
    }

    [Fact]
    public void Page_references_nothing_outside_itself()
    {
        var html = Render(SampleReports.Full());

        var found = new[] { "http://", "https://", "src=", "href=", "<link", "url(", "@import", "<script", "<iframe", "<object" }
            .Where(s => html.Contains(s, StringComparison.OrdinalIgnoreCase))
            .ToArray();

        Assert.Empty(found);
    }

    [Fact]
    public void Run_name_with_a_script_tag_is_escaped_and_reads_back_unchanged()
    {
        var html = Render(SampleReports.Full(thirdRun: ScriptRun));

        var row = Descendants(Parse(html), "table").Single(t => Class(t) == "metrics").Descendants("tr").Last();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ce &lt;script&gt;alert(1)&lt;/script&gt; | x", html, StringComparison.Ordinal);
        Assert.Equal(ScriptRun, row.Element("th")!.Value);
    }

    [Fact]
    public void Metric_table_shows_every_mean_with_four_decimals_and_its_delta_and_marker()
    {
        var report = SampleReports.Full();

        var rows = Descendants(Parse(Render(report)), "table").Single(t => Class(t) == "metrics").Element("tbody")!.Elements("tr").ToArray();

        var expected = report.Runs.Select(run => report.Measures.Select(m =>
        {
            var cell = report.Metrics.Single(c => c.RunName == run.Name && c.MeasureId == m.Id);
            var delta = cell.Delta is { } d ? d.ToString("+0.0000;-0.0000;0.0000", Invariant) + cell.Marker : null;
            return (cell.Mean.ToString("0.0000", Invariant), delta);
        }).ToArray()).ToArray();
        var actual = rows.Select(row => row.Elements("td").Select(td => (
            Span(td, "value")!.Value,
            Span(td, "delta")?.Value)).ToArray()).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(
            ["Run", "nDCG@10ndcg_cut_10", "MRRrecip_rank", "MAPmap", "R@1000recall_1000"],
            rows[0].Parent!.Parent!.Element("thead")!.Descendants("th").Select(static th => th.Value));
    }

    [Fact]
    public void Best_value_per_measure_is_marked()
    {
        var page = Parse(Render(SampleReports.Full()));

        var best = Descendants(page, "td").Where(td => Class(td) == "best").Select(td => Span(td, "value")!.Value);

        // In document order: bm25 ties on R@1000; monot5 leads nDCG@10, MRR and MAP and ties on R@1000; so does the third run.
        Assert.Equal(["0.8391", "0.5137", "0.4372", "0.3310", "0.8391", "0.8391"], best);
    }

    [Fact]
    public void Difference_chart_has_one_bar_per_query_sorted_and_coloured_by_the_difference()
    {
        var report = SampleReports.Full(queryCount: 60);
        var comparison = report.PerQuery!;
        var sorted = comparison.Queries
            .OrderByDescending(static q => q.Difference).ThenBy(static q => q.QueryId, StringComparer.Ordinal).ToArray();
        string Kind(PerQueryValue q) =>
            q.Difference >= comparison.UnchangedTolerance ? "bar up" : q.Difference <= -comparison.UnchangedTolerance ? "bar down" : "bar same";

        var bars = Bars(Parse(Render(report)));

        Assert.Equal(60, bars.Length);
        Assert.Equal(sorted.Select(Kind), bars.Select(Class));
        Assert.Equal(sorted.Select(static q => q.QueryId), bars.Select(static b => b.Element("title")!.Value.Split(':')[0]));
        Assert.Equal(
            "q1302: 0.2500 → 0.7300 (+0.4800)",
            bars[0].Element("title")!.Value);
    }

    [Fact]
    public void Difference_chart_labels_its_axes_with_values_and_the_query_count()
    {
        var chart = Chart(Parse(Render(SampleReports.Full(queryCount: 60))), "chart difference");

        var ticks = chart.Descendants("text").Where(t => Class(t) == "tick").Select(static t => t.Value);
        var labels = chart.Descendants("text").Where(t => Class(t) == "axis-label").Select(static t => t.Value);

        Assert.Equal(["-0.4", "-0.2", "0", "+0.2", "+0.4", "+0.6"], ticks);
        Assert.Equal(["60 queries, sorted by Δ nDCG@10 (most improved left)", "Δ nDCG@10"], labels);
        Assert.Single(chart.Elements("line"), l => Class(l) == "zero");
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public void Difference_chart_narrows_bars_to_fit_hundreds_of_queries(int queryCount)
    {
        var bars = Bars(Parse(Render(SampleReports.Full(queryCount))));

        var boxes = bars.Select(static b => (X: Number(b, "x"), Width: Number(b, "width"))).ToArray();
        Assert.Equal(queryCount, boxes.Length);
        Assert.All(boxes, box => Assert.InRange(box.Width, 0.01, 908.0 / queryCount * 1.25 + 0.01));
        Assert.InRange(boxes[0].X, 76, 77);
        Assert.InRange(boxes[^1].X + boxes[^1].Width, 983, 984.02);
        Assert.Equal(boxes.Select(static b => b.X).Order(), boxes.Select(static b => b.X));
    }

    [Fact]
    public void Depth_chart_draws_one_polyline_per_run_with_one_point_per_depth()
    {
        var report = SampleReports.Full();
        var sweep = report.DepthSweep!;

        var chart = Chart(Parse(Render(report)), "chart depth");

        var polylines = chart.Descendants("polyline").ToArray();
        Assert.Equal(sweep.Series.Count, polylines.Length);
        Assert.All(polylines, p => Assert.Equal(sweep.Depths.Count, p.Attribute("points")!.Value.Split(' ').Length));
        Assert.Equal(sweep.Series.Count * sweep.Depths.Count, chart.Descendants("circle").Count());
        Assert.Equal(
            sweep.Depths.Select(static d => d.ToString(Invariant)),
            chart.Elements("g").Single(g => Class(g) == "x-axis").Elements("text").Select(static t => t.Value));
        Assert.Equal(["7 5", null, null], polylines.Select(static p => p.Attribute("stroke-dasharray")?.Value));
        Assert.Equal(
            "monot5 at depth 1000: 0.5171",
            chart.Descendants("circle").ElementAt(sweep.Depths.Count * 2 - 1).Element("title")!.Value);
    }

    [Fact]
    public void Depth_chart_places_points_left_to_right_by_depth_and_higher_values_higher()
    {
        var chart = Chart(Parse(Render(SampleReports.Full())), "chart depth");

        var points = chart.Descendants("polyline").ElementAt(1).Attribute("points")!.Value.Split(' ')
            .Select(static p => p.Split(',').Select(v => double.Parse(v, Invariant)).ToArray())
            .ToArray();

        // monot5 rises with depth: x grows and y (downwards in SVG) shrinks.
        Assert.Equal(points.Select(static p => p[0]).Order(), points.Select(static p => p[0]));
        Assert.Equal(points.Select(static p => p[1]).OrderDescending(), points.Select(static p => p[1]));
    }

    [Fact]
    public void Charts_handle_one_unchanged_query_and_a_single_depth()
    {
        var measure = new ReportMeasure("map");
        var report = new EvaluationReport
        {
            Title = "tiny",
            GeneratedAt = SampleReports.GeneratedAt,
            Runs = [new ReportRun("a", isBaseline: true), new ReportRun("b")],
            Measures = [measure],
            Metrics = [new MetricCell("a", "map", 0.25), new MetricCell("b", "map", 0.25) { Delta = 0 }],
            PerQuery = new PerQueryComparison { Measure = measure, BaselineRun = "a", ComparedRun = "b", Queries = [new("q", 0.25, 0.25)] },
            DepthSweep = new DepthSweep { Measure = measure, Depths = [100], Series = [new DepthSeries("b", [0.25])] },
        };

        var page = Parse(Render(report));

        var bar = Assert.Single(Bars(page));
        Assert.Equal(("bar same", "q: 0.2500 → 0.2500 (0.0000)"), (Class(bar), bar.Element("title")!.Value));
        var difference = Chart(page, "chart difference");
        Assert.Equal(
            ["-0.10", "-0.05", "0", "+0.05", "+0.10"],
            difference.Descendants("text").Where(t => Class(t) == "tick").Select(static t => t.Value));
        var polyline = Assert.Single(Chart(page, "chart depth").Descendants("polyline"));
        // Centred: x = 76 + 900 / 2; the value sits mid-way in its padded range: y = 14 + 274 / 2.
        Assert.Equal("526,151", polyline.Attribute("points")!.Value);
    }

    [Fact]
    public void Depth_chart_has_a_legend_entry_per_run()
    {
        var page = Parse(Render(SampleReports.Full(thirdRun: ScriptRun)));

        var entries = Descendants(page, "ul").Single(u => Class(u) == "legend").Elements("li").Select(static li => li.Value);

        Assert.Equal(["bm25 baseline", "monot5", ScriptRun], entries);
    }

    [Fact]
    public void Sections_without_data_are_left_out()
    {
        var full = SampleReports.Full();
        var report = new EvaluationReport
        {
            Title = full.Title,
            GeneratedAt = full.GeneratedAt,
            Runs = full.Runs,
            Measures = full.Measures,
            Metrics = full.Metrics,
        };

        var page = Parse(Render(report));

        Assert.Equal(["metrics", "inputs"], Descendants(page, "section").Select(static s => s.Attribute("id")!.Value));
        Assert.Empty(Descendants(page, "svg"));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var report = SampleReports.Full();
        var invariant = Render(report);
        var original = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NegativeSign = "−";
        string localized;
        try
        {
            CultureInfo.CurrentCulture = comma;
            localized = Render(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal(invariant, localized);
    }

    private static string Render(EvaluationReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReportWriter.Write(report, writer);
        return writer.ToString();
    }

    /// <summary>Parses the page as XML; the writer emits XHTML syntax, so nothing needs rewriting first.</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> Descendants(XDocument page, string name) => page.Descendants(name);

    private static string? Class(XElement element) => element.Attribute("class")?.Value;

    private static XElement? Span(XElement cell, string css) => cell.Elements("span").SingleOrDefault(s => Class(s)?.Split(' ')[0] == css);

    private static XElement Chart(XDocument page, string css) => Descendants(page, "svg").Single(s => Class(s) == css);

    private static XElement[] Bars(XDocument page) =>
        Chart(page, "chart difference").Descendants("rect").Where(r => Class(r)!.StartsWith("bar ", StringComparison.Ordinal)).ToArray();

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, Invariant);
}
