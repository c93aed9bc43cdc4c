using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Markdown;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as a Markdown summary: title and time, inputs, the metric table with
/// display names, differences to the baseline and significance markers, p-values when given, the per-query
/// counts with the most improved and most hurt queries, and the depth table when a sweep is present. Lines end
/// with <c>\n</c> on every platform; numbers are culture-invariant with four decimals; text from input files is
/// escaped so that it can neither break a table nor inject markup.
/// </summary>
public static class MarkdownReportWriter
{
    private const string Missing = "–";

    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="writer"/>. Throws <see cref="ArgumentException"/> before
    /// writing anything when the report is inconsistent (see <see cref="EvaluationReport"/>).
    /// </summary>
    public static void Write(EvaluationReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReportValidator.Validate(report);

        var output = new LineWriter(writer);
        output.Line($"# {MarkdownText.Escape(report.Title)}");
        output.Line();
        output.Line($"Generated {Numbers.Timestamp(report.GeneratedAt)}.");
        output.Line();
        WriteInputs(report, output);
        WriteMetrics(report, output);
        if (report.PerQuery is { } perQuery)
        {
            WritePerQuery(perQuery, output);
        }
        if (report.DepthSweep is { } sweep)
        {
            WriteDepthSweep(sweep, output);
        }
    }

    private static void WriteInputs(EvaluationReport report, LineWriter output)
    {
        output.Line("## Inputs");
        output.Line();
        output.Line($"- Qrels: {(report.QrelsFile is null ? Missing : MarkdownText.Escape(report.QrelsFile))}");
        foreach (var run in report.Runs)
        {
            var file = run.File is null ? "" : $": {MarkdownText.Escape(run.File)}";
            output.Line($"- Run {RunLabel(run)}{file}");
        }
        output.Line();
    }

    private static void WriteMetrics(EvaluationReport report, LineWriter output)
    {
        var cells = report.Metrics.ToDictionary(static c => (c.RunName, c.MeasureId));
        output.Line("## Metrics");
        output.Line();
        if (report.Measures.Count == 0 || report.Runs.Count == 0)
        {
            output.Line("No measures were evaluated.");
            output.Line();
            return;
        }
        output.Line(Row(["Run", .. report.Measures.Select(static m => MarkdownText.Escape(m.DisplayName))]));
        output.Line(Row([":---", .. report.Measures.Select(static _ => "---:")]));
        foreach (var run in report.Runs)
        {
            output.Line(Row([
                RunLabel(run),
                .. report.Measures.Select(m => cells.TryGetValue((run.Name, m.Id), out var cell) ? MetricText(cell) : Missing),
            ]));
        }
        output.Line();

        var withPValues = report.Runs
            .Where(r => report.Measures.Any(m => cells.TryGetValue((r.Name, m.Id), out var c) && c.PValue is not null))
            .ToArray();
        if (withPValues.Length > 0)
        {
            output.Line("p-values against the baseline:");
            output.Line();
            output.Line(Row(["Run", .. report.Measures.Select(static m => MarkdownText.Escape(m.DisplayName))]));
            output.Line(Row([":---", .. report.Measures.Select(static _ => "---:")]));
            foreach (var run in withPValues)
            {
                output.Line(Row([
                    RunLabel(run),
                    .. report.Measures.Select(m =>
                        cells.TryGetValue((run.Name, m.Id), out var c) && c.PValue is { } p ? MarkdownText.Escape(Numbers.PValue(p)) : Missing),
                ]));
            }
            output.Line();
        }

        var baseline = report.Runs.FirstOrDefault(static r => r.IsBaseline);
        if (baseline is not null && report.Metrics.Any(static c => c.Delta is not null))
        {
            output.Line($"Differences in parentheses are against the baseline {MarkdownText.Escape(baseline.Name)}.");
            output.Line();
        }
        if (!string.IsNullOrEmpty(report.SignificanceNote))
        {
            output.Line(MarkdownText.Escape(report.SignificanceNote));
            output.Line();
        }
    }

    private static void WritePerQuery(PerQueryComparison comparison, LineWriter output)
    {
        var summary = PerQuerySummary.Create(comparison);
        var measure = MarkdownText.Escape(comparison.Measure.DisplayName);
        var baseline = MarkdownText.Escape(comparison.BaselineRun);
        var compared = MarkdownText.Escape(comparison.ComparedRun);
        output.Line($"## Per-query {measure}: {compared} against {baseline}");
        output.Line();
        output.Line(
            $"Of {Numbers.Integer(summary.Sorted.Count)} queries, {Numbers.Integer(summary.Improved)} improved, " +
            $"{Numbers.Integer(summary.Hurt)} were hurt and {Numbers.Integer(summary.Unchanged)} are unchanged.");
        output.Line();
        WriteExtremes("Most improved", summary.MostImproved, baseline, compared, output);
        WriteExtremes("Most hurt", summary.MostHurt, baseline, compared, output);
    }

    private static void WriteExtremes(string heading, IReadOnlyList<PerQueryValue> queries, string baseline, string compared, LineWriter output)
    {
        output.Line($"### {heading}");
        output.Line();
        if (queries.Count == 0)
        {
            output.Line("None.");
            output.Line();
            return;
        }
        output.Line(Row(["Query", baseline, compared, "Δ"]));
        output.Line(Row([":---", "---:", "---:", "---:"]));
        foreach (var query in queries)
        {
            output.Line(Row([
                MarkdownText.Escape(query.QueryId),
                Numbers.Metric(query.Baseline),
                Numbers.Metric(query.Compared),
                Numbers.Delta(query.Difference),
            ]));
        }
        output.Line();
    }

    private static void WriteDepthSweep(DepthSweep sweep, LineWriter output)
    {
        output.Line($"## {MarkdownText.Escape(sweep.Measure.DisplayName)} by rerank depth");
        output.Line();
        if (sweep.Depths.Count == 0 || sweep.Series.Count == 0)
        {
            output.Line("No depths were evaluated.");
            output.Line();
            return;
        }
        output.Line(Row(["Depth", .. sweep.Series.Select(static s => MarkdownText.Escape(s.RunName))]));
        output.Line(Row(["---:", .. sweep.Series.Select(static _ => "---:")]));
        for (var i = 0; i < sweep.Depths.Count; i++)
        {
            var index = i;
            output.Line(Row([Numbers.Integer(sweep.Depths[i]), .. sweep.Series.Select(s => Numbers.Metric(s.Values[index]))]));
        }
        output.Line();
    }

    private static string MetricText(MetricCell cell)
    {
        var text = Numbers.Metric(cell.Mean);
        if (cell.Delta is { } delta)
        {
            text += $" ({Numbers.Delta(delta)})";
        }
        if (!string.IsNullOrEmpty(cell.Marker))
        {
            text += MarkdownText.Escape(cell.Marker);
        }
        return text;
    }

    private static string RunLabel(ReportRun run) =>
        run.IsBaseline ? $"{MarkdownText.Escape(run.Name)} (baseline)" : MarkdownText.Escape(run.Name);

    private static string Row(IEnumerable<string> cells) => $"| {string.Join(" | ", cells)} |";
}
