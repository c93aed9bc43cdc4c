using Pipeline.Nightly.Detection;
using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Html.Charts;

namespace Pipeline.Nightly.Reports;

/// <summary>
/// <c>summary.html</c>: a self-contained page (inline styles and SVG, nothing fetched) with the status, a table of
/// every tracked measure and a trend chart per tracked measure over the recorded nights.
/// </summary>
public static class SummaryHtmlWriter
{
    /// <summary>The page (lines end with <c>\n</c>).</summary>
    public static string Write(NightlySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var text = new StringWriter();
        var output = new LineWriter(text);
        var status = NightlySummary.Spell(summary.Status);
        var date = NightlyIds.Date(summary.Date);
        output.Line("<!DOCTYPE html>");
        output.Line("<html lang=\"en\">");
        output.Line("<head>");
        output.Line("<meta charset=\"utf-8\">");
        output.Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        output.Line($"<title>Nightly evaluation {date}: {status}</title>");
        output.Line("<style>");
        output.Line(HtmlStyles.Sheet.TrimEnd());
        output.Line($".status {{ display: inline-block; padding: 2px 12px; border-radius: 12px; color: #fff; }} .status.ok {{ background: {Palette.Improved}; }} " +
            $".status.regression, .status.failed {{ background: {Palette.Hurt}; }} td.regression {{ color: {Palette.Hurt}; font-weight: 600; }} " +
            $"td.improvement {{ color: {Palette.Improved}; font-weight: 600; }}");
        output.Line("</style>");
        output.Line("</head>");
        output.Line("<body>");
        output.Line("<main>");
        output.Line("<header>");
        output.Line($"<h1>Nightly evaluation {date} <span class=\"status {status}\" data-status=\"{status}\">{status}</span></h1>");
        output.Line($"<p class=\"meta\">{HtmlText.Escape(SummaryMarkdownWriter.Headline(summary))} Generated " +
            $"<time datetime=\"{Numbers.IsoTimestamp(summary.GeneratedAt)}\">{Numbers.Timestamp(summary.GeneratedAt)}</time>.</p>");
        output.Line("</header>");

        output.Line("<section>");
        output.Line("<h2>Tracked measures</h2>");
        output.Line("<table class=\"metrics\">");
        output.Line("<thead><tr><th>measure</th><th>tonight</th><th>previous</th><th>Δ</th><th>p</th><th>rolling</th><th>Δ</th><th>p</th><th>change</th></tr></thead>");
        output.Line("<tbody>");
        foreach (var result in summary.Results)
        {
            var change = result.Tonight is null ? "unknown" : NightlySummary.Spell(result.Kind);
            output.Line($"<tr><th>{HtmlText.Escape(SummaryMarkdownWriter.Name(result))}</th><td>{(result.Tonight is { } t ? Numbers.Metric(t) : "—")}</td>" +
                $"{Cells(result.Previous)}{Cells(result.Rolling)}<td class=\"{change}\">{change}</td></tr>");
        }
        output.Line("</tbody>");
        output.Line("</table>");
        output.Line("</section>");

        foreach (var result in summary.Results)
        {
            output.Line("<section class=\"trend\">");
            output.Line($"<h2>{HtmlText.Escape(SummaryMarkdownWriter.Name(result))}</h2>");
            TrendChart.Write(result, output);
            output.Line("</section>");
        }

        output.Line("<section>");
        output.Line("<h2>Jobs</h2>");
        output.Line("<table class=\"metrics\">");
        output.Line("<thead><tr><th>job</th><th>job id</th><th>state</th></tr></thead>");
        output.Line("<tbody>");
        foreach (var job in summary.Jobs)
        {
            var state = job.Completed ? "completed" : "failed: " + HtmlText.Escape(job.Error ?? "");
            output.Line($"<tr><th>{HtmlText.Escape(job.Suite)} / {HtmlText.Escape(job.Job)}</th><td class=\"file\">{HtmlText.Escape(job.JobId)}</td><td>{state}</td></tr>");
        }
        output.Line("</tbody>");
        output.Line("</table>");
        output.Line("</section>");
        output.Line("</main>");
        output.Line("</body>");
        output.Line("</html>");
        return text.ToString();
    }

    private static string Cells(BaselineComparison? comparison) => comparison is null
        ? "<td>—</td><td>—</td><td>—</td>"
        : $"<td>{Numbers.Metric(comparison.BaselineMean)}</td><td>{Numbers.Delta(comparison.Delta)}</td>" +
          $"<td>{(double.IsNaN(comparison.PValue) ? "—" : Numbers.PValue(comparison.PValue))}</td>";
}
