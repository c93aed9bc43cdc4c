using Pipeline.Nightly.Detection;
using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Html.Charts;
using Pipeline.Reporting.Model;

namespace Pipeline.Nightly.Reports;

/// <summary>
/// A tracked measure over the recorded nights as inline SVG: one line through each night's mean, a dot per night
/// (tooltip: date and value), tonight's dot coloured by the verdict, and a dashed line at the rolling baseline's mean.
/// Reuses the report library's axis ticks, palette and number formats.
/// </summary>
internal static class TrendChart
{
    public const double Width = 1000;
    public const double Height = 260;
    private const double Left = 76;
    private const double Right = 24;
    private const double Top = 14;
    private const double Bottom = 44;
    private const double Inset = 18;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const double MinLabelGap = 90;

    public static void Write(TrackedResult result, LineWriter output)
    {
        var trend = result.Trend;
        if (trend.Count == 0)
        {
            output.Line("<p class=\"meta\">No recorded night yet.</p>");
            return;
        }
        var measure = HtmlText.Escape(MeasureDisplayNames.Get(result.Tracked.Measure));
        var values = trend.Select(static t => t.Mean).ToList();
        if (result.Rolling is { } rolling && double.IsFinite(rolling.BaselineMean))
        {
            values.Add(rolling.BaselineMean);
        }
        var lowest = values.Min();
        var highest = values.Max();
        var padding = highest - lowest < 1e-9 ? 0.05 : (highest - lowest) * 0.1;
        var ticks = AxisTicks.Create(lowest - padding, highest + padding, 4);
        double X(int i) => trend.Count == 1 ? Left + (PlotWidth / 2) : Left + Inset + (i * (PlotWidth - (2 * Inset)) / (trend.Count - 1));
        double Y(double value) => Top + ((ticks.Max - value) / (ticks.Max - ticks.Min) * PlotHeight);
        var title = $"{HtmlText.Escape(SummaryMarkdownWriter.Name(result))} by night";

        output.Line(
            $"<svg class=\"chart trend\" role=\"img\" viewBox=\"0 0 {Numbers.Coordinate(Width)} {Numbers.Coordinate(Height)}\" " +
            $"width=\"{Numbers.Coordinate(Width)}\" height=\"{Numbers.Coordinate(Height)}\" aria-label=\"{title}\">");
        output.Line($"<title>{title}</title>");
        output.Line("<g class=\"y-axis\">");
        foreach (var tick in ticks.Values)
        {
            var y = Numbers.Coordinate(Y(tick));
            output.Line($"<line class=\"grid\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{y}\" x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{y}\" />");
            output.Line($"<text class=\"tick\" x=\"{Numbers.Coordinate(Left - 8)}\" y=\"{Numbers.Coordinate(Y(tick) + 4)}\" text-anchor=\"end\">" +
                $"{Numbers.Tick(tick, ticks.Decimals, signed: false)}</text>");
        }
        output.Line("</g>");
        output.Line("<g class=\"x-axis\">");
        var lastLabel = double.NegativeInfinity;
        for (var i = 0; i < trend.Count; i++)
        {
            var x = X(i);
            if (x - lastLabel >= MinLabelGap || i == trend.Count - 1)
            {
                output.Line($"<text class=\"tick\" x=\"{Numbers.Coordinate(x)}\" y=\"{Numbers.Coordinate(Top + PlotHeight + 18)}\" text-anchor=\"middle\">" +
                    $"{NightlyIds.Date(trend[i].Date)}</text>");
                lastLabel = x;
            }
        }
        output.Line($"<line class=\"axis\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{Numbers.Coordinate(Top + PlotHeight)}\" " +
            $"x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{Numbers.Coordinate(Top + PlotHeight)}\" />");
        output.Line("</g>");
        if (result.Rolling is { } baseline && double.IsFinite(baseline.BaselineMean))
        {
            var y = Numbers.Coordinate(Y(baseline.BaselineMean));
            output.Line($"<line class=\"rolling\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{y}\" x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{y}\" " +
                $"stroke=\"{Palette.Baseline}\" stroke-width=\"1.5\" stroke-dasharray=\"7 5\"><title>rolling baseline ({baseline.Nights} nights): " +
                $"{Numbers.Metric(baseline.BaselineMean)}</title></line>");
        }
        var colour = Palette.Series[0];
        var points = string.Join(' ', trend.Select((t, i) => $"{Numbers.Coordinate(X(i))},{Numbers.Coordinate(Y(t.Mean))}"));
        output.Line($"<g class=\"series\" stroke=\"{colour}\" fill=\"{colour}\">");
        output.Line($"<polyline points=\"{points}\" fill=\"none\" stroke-width=\"2.5\" />");
        for (var i = 0; i < trend.Count; i++)
        {
            var last = i == trend.Count - 1;
            var fill = !last || result.Tonight is null ? colour
                : result.Kind switch { ChangeKind.Regression => Palette.Hurt, ChangeKind.Improvement => Palette.Improved, _ => colour };
            output.Line($"<circle cx=\"{Numbers.Coordinate(X(i))}\" cy=\"{Numbers.Coordinate(Y(trend[i].Mean))}\" r=\"{(last ? 6 : 4)}\" fill=\"{fill}\" stroke=\"{fill}\">" +
                $"<title>{NightlyIds.Date(trend[i].Date)}: {Numbers.Metric(trend[i].Mean)}</title></circle>");
        }
        output.Line("</g>");
        output.Line($"<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"{Numbers.Coordinate(-(Top + (PlotHeight / 2)))}\" y=\"16\" text-anchor=\"middle\">{measure}</text>");
        output.Line("</svg>");
    }
}
