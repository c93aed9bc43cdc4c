using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Html.Charts;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Html;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as one self-contained HTML page: inline CSS, inline SVG charts, no
/// script, and no reference to anything outside the page (no fonts, images, style sheets or links), so that it
/// opens offline and can be attached to a ticket as it is. The page shows the inputs, the metric table (best
/// value per measure in bold, differences to the baseline in green or red with significance markers and
/// p-values), the per-query difference chart with the most improved and most hurt queries, and the
/// metric-versus-depth chart with a legend. All text is HTML-escaped; numbers are culture-invariant with four
/// decimals. The markup is also well-formed XML (XHTML syntax, no named entities). Lines end with <c>\n</c>.
/// </summary>
public static class HtmlReportWriter
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
        var title = HtmlText.Escape(report.Title);
        output.Line("<!DOCTYPE html>");
        output.Line("<html lang=\"en\">");
        output.Line("<head>");
        output.Line("<meta charset=\"utf-8\" />");
        output.Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
        output.Line("<meta name=\"generator\" content=\"Pipeline.Reporting\" />");
        output.Line($"<title>{title}</title>");
        output.Line("<style>");
        output.Line(HtmlStyles.Sheet);
        output.Line("</style>");
        output.Line("</head>");
        output.Line("<body>");
        output.Line("<main>");
        output.Line("<header>");
        output.Line($"<h1>{title}</h1>");
        output.Line(
            $"<p class=\"meta\">Generated <time datetime=\"{Numbers.IsoTimestamp(report.GeneratedAt)}\">" +
            $"{Numbers.Timestamp(report.GeneratedAt)}</time></p>");
        output.Line("</header>");
        WriteMetrics(report, output);
        if (report.PerQuery is { } perQuery)
        {
            WritePerQuery(perQuery, output);
        }
        if (report.DepthSweep is { } sweep)
        {
            WriteDepthSweep(report, sweep, output);
        }
        WriteInputs(report, output);
        output.Line("</main>");
        output.Line("</body>");
        output.Line("</html>");
    }

    private static void WriteInputs(EvaluationReport report, LineWriter output)
    {
        output.Line("<section id=\"inputs\">");
        output.Line("<h2>Inputs</h2>");
        output.Line("<table class=\"inputs\">");
        output.Line("<tbody>");
        output.Line($"<tr><th scope=\"row\">Qrels</th><td class=\"file\" colspan=\"2\">{HtmlText.Escape(report.QrelsFile ?? Missing)}</td></tr>");
        foreach (var run in report.Runs)
        {
            output.Line(
                $"<tr><th scope=\"row\">Run</th><td>{RunLabel(run)}</td>" +
                $"<td class=\"file\">{HtmlText.Escape(run.File ?? Missing)}</td></tr>");
        }
        output.Line("</tbody>");
        output.Line("</table>");
        output.Line("</section>");
    }

    private static void WriteMetrics(EvaluationReport report, LineWriter output)
    {
        output.Line("<section id=\"metrics\">");
        output.Line("<h2>Metrics</h2>");
        if (report.Measures.Count == 0 || report.Runs.Count == 0)
        {
            output.Line("<p>No measures were evaluated.</p>");
            output.Line("</section>");
            return;
        }

        var cells = report.Metrics.ToDictionary(static c => (c.RunName, c.MeasureId));
        var best = report.Measures.ToDictionary(
            static m => m.Id,
            m => report.Metrics.Where(c => c.MeasureId == m.Id).Select(static c => (double?)Math.Round(c.Mean, 4)).Max());
        var ranked = report.Measures.ToDictionary(
            static m => m.Id,
            m => report.Metrics.Count(c => c.MeasureId == m.Id) > 1);

        output.Line("<table class=\"metrics\">");
        output.Line("<thead>");
        output.Line("<tr><th scope=\"col\">Run</th>");
        foreach (var measure in report.Measures)
        {
            var id = measure.Id == measure.DisplayName ? "" : $"<span class=\"measure-id\">{HtmlText.Escape(measure.Id)}</span>";
            output.Line($"<th scope=\"col\">{HtmlText.Escape(measure.DisplayName)}{id}</th>");
        }
        output.Line("</tr>");
        output.Line("</thead>");
        output.Line("<tbody>");
        foreach (var run in report.Runs)
        {
            output.Line($"<tr{(run.IsBaseline ? " class=\"baseline\"" : "")}><th scope=\"row\">{RunLabel(run)}</th>");
            foreach (var measure in report.Measures)
            {
                if (!cells.TryGetValue((run.Name, measure.Id), out var cell))
                {
                    output.Line($"<td class=\"missing\">{Missing}</td>");
                    continue;
                }
                var isBest = ranked[measure.Id] && Math.Round(cell.Mean, 4) == best[measure.Id];
                output.Line($"<td{(isBest ? " class=\"best\"" : "")}>{CellContent(cell)}</td>");
            }
            output.Line("</tr>");
        }
        output.Line("</tbody>");
        output.Line("</table>");

        var baseline = report.Runs.FirstOrDefault(static r => r.IsBaseline);
        var notes = new List<string>();
        if (report.Measures.Count > 0 && report.Runs.Count > 1)
        {
            notes.Add("Bold: best value per measure.");
        }
        if (baseline is not null && report.Metrics.Any(static c => c.Delta is not null))
        {
            notes.Add($"Second line: difference to the baseline {HtmlText.Escape(baseline.Name)}.");
        }
        if (!string.IsNullOrEmpty(report.SignificanceNote))
        {
            notes.Add(HtmlText.Escape(report.SignificanceNote));
        }
        if (notes.Count > 0)
        {
            output.Line($"<p class=\"note\">{string.Join(" ", notes)}</p>");
        }
        output.Line("</section>");
    }

    private static string CellContent(MetricCell cell)
    {
        var content = $"<span class=\"value\">{Numbers.Metric(cell.Mean)}</span>";
        var marker = string.IsNullOrEmpty(cell.Marker) ? "" : $"<span class=\"marker\">{HtmlText.Escape(cell.Marker)}</span>";
        if (cell.Delta is { } delta)
        {
            var text = Numbers.Delta(delta);
            var css = text.StartsWith('+') ? "up" : text.StartsWith('-') ? "down" : "same";
            content += $"<span class=\"delta {css}\">{text}{marker}</span>";
        }
        else if (marker.Length > 0)
        {
            content += marker;
        }
        if (cell.PValue is { } p)
        {
            var relation = p < 0.0001 ? "&lt; 0.0001" : $"= {Numbers.PValue(p)}";
            content += $"<span class=\"p\">p {relation}</span>";
        }
        return content;
    }

    private static void WritePerQuery(PerQueryComparison comparison, LineWriter output)
    {
        var summary = PerQuerySummary.Create(comparison);
        var baseline = HtmlText.Escape(comparison.BaselineRun);
        var compared = HtmlText.Escape(comparison.ComparedRun);
        output.Line("<section id=\"per-query\">");
        output.Line($"<h2>Per-query {HtmlText.Escape(comparison.Measure.DisplayName)}: {compared} against {baseline}</h2>");
        if (summary.Sorted.Count == 0)
        {
            output.Line("<p>No queries.</p>");
            output.Line("</section>");
            return;
        }
        output.Line(
            $"<p class=\"counts\"><span>{Numbers.Integer(summary.Sorted.Count)} queries</span>" +
            $"<span class=\"up\">▲ {Numbers.Integer(summary.Improved)} improved</span>" +
            $"<span class=\"down\">▼ {Numbers.Integer(summary.Hurt)} hurt</span>" +
            $"<span class=\"same\">● {Numbers.Integer(summary.Unchanged)} unchanged</span></p>");
        DifferenceChart.Write(comparison, summary, output);
        output.Line("<div class=\"extremes\">");
        WriteExtremes("Most improved", "improved", summary.MostImproved, baseline, compared, output);
        WriteExtremes("Most hurt", "hurt", summary.MostHurt, baseline, compared, output);
        output.Line("</div>");
        output.Line("</section>");
    }

    private static void WriteExtremes(
        string heading, string css, IReadOnlyList<PerQueryValue> queries, string baseline, string compared, LineWriter output)
    {
        output.Line($"<div class=\"{css}\">");
        output.Line($"<h3>{heading}</h3>");
        if (queries.Count == 0)
        {
            output.Line("<p>None.</p>");
            output.Line("</div>");
            return;
        }
        output.Line("<table>");
        output.Line($"<thead><tr><th scope=\"col\">Query</th><th scope=\"col\">{baseline}</th><th scope=\"col\">{compared}</th><th scope=\"col\">Δ</th></tr></thead>");
        output.Line("<tbody>");
        foreach (var query in queries)
        {
            var delta = Numbers.Delta(query.Difference);
            output.Line(
                $"<tr><td>{HtmlText.Escape(query.QueryId)}</td><td>{Numbers.Metric(query.Baseline)}</td>" +
                $"<td>{Numbers.Metric(query.Compared)}</td><td class=\"{(query.Difference > 0 ? "up" : "down")}\">{delta}</td></tr>");
        }
        output.Line("</tbody>");
        output.Line("</table>");
        output.Line("</div>");
    }

    private static void WriteDepthSweep(EvaluationReport report, DepthSweep sweep, LineWriter output)
    {
        output.Line("<section id=\"depth\">");
        output.Line($"<h2>{HtmlText.Escape(sweep.Measure.DisplayName)} by rerank depth</h2>");
        if (sweep.Depths.Count == 0 || sweep.Series.Count == 0)
        {
            output.Line("<p>No depths were evaluated.</p>");
        }
        else
        {
            DepthChart.Write(sweep, report.Runs, output);
        }
        output.Line("</section>");
    }

    private static string RunLabel(ReportRun run) =>
        run.IsBaseline ? $"{HtmlText.Escape(run.Name)}<span class=\"badge\">baseline</span>" : HtmlText.Escape(run.Name);
}
