using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Html.Charts;

/// <summary>
/// The metric-versus-depth chart: one line per run through its value at each rerank depth, with a dot per value
/// (tooltip: run, depth, value), a tick per depth on the x axis and a legend below the plot. The x axis is
/// logarithmic when the depths span a factor of eight or more (10 … 1000 would otherwise crowd the left), linear
/// otherwise. The baseline's line is grey and dashed.
/// </summary>
internal static class DepthChart
{
    public const double Width = 1000;
    public const double Height = 340;
    private const double Left = 76;
    private const double Right = 24;
    private const double Top = 14;
    private const double Bottom = 52;
    private const double Inset = 18;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const double MinLabelGap = 34;

    public static void Write(DepthSweep sweep, IReadOnlyList<ReportRun> runs, LineWriter output)
    {
        var depths = sweep.Depths;
        var measure = HtmlText.Escape(sweep.Measure.DisplayName);
        var baselineName = runs.FirstOrDefault(static r => r.IsBaseline)?.Name;
        var logarithmic = depths.Count >= 2 && depths[^1] >= 8.0 * depths[0];

        double Position(int depth) => logarithmic ? Math.Log(depth) : depth;
        var first = Position(depths[0]);
        var last = Position(depths[^1]);
        double X(int depth) => depths.Count == 1
            ? Left + (PlotWidth / 2)
            : Left + Inset + ((Position(depth) - first) / (last - first) * (PlotWidth - (2 * Inset)));

        var values = sweep.Series.SelectMany(static s => s.Values).ToArray();
        var lowest = values.Min();
        var highest = values.Max();
        var padding = highest - lowest < 1e-9 ? 0.05 : (highest - lowest) * 0.08;
        var ticks = AxisTicks.Create(lowest - padding, highest + padding, 5);
        double Y(double value) => Top + ((ticks.Max - value) / (ticks.Max - ticks.Min) * PlotHeight);

        output.Line(
            $"<svg class=\"chart depth\" role=\"img\" viewBox=\"0 0 {Numbers.Coordinate(Width)} {Numbers.Coordinate(Height)}\" " +
            $"width=\"{Numbers.Coordinate(Width)}\" height=\"{Numbers.Coordinate(Height)}\" aria-label=\"{measure} by rerank depth\">");
        output.Line($"<title>{measure} by rerank depth</title>");

        output.Line("<g class=\"y-axis\">");
        foreach (var tick in ticks.Values)
        {
            var y = Numbers.Coordinate(Y(tick));
            output.Line($"<line class=\"grid\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{y}\" x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{y}\" />");
            output.Line(
                $"<text class=\"tick\" x=\"{Numbers.Coordinate(Left - 8)}\" y=\"{Numbers.Coordinate(Y(tick) + 4)}\" text-anchor=\"end\">" +
                $"{Numbers.Tick(tick, ticks.Decimals, signed: false)}</text>");
        }
        output.Line("</g>");

        output.Line("<g class=\"x-axis\">");
        var lastLabel = double.NegativeInfinity;
        foreach (var depth in depths)
        {
            var x = X(depth);
            output.Line(
                $"<line class=\"grid\" x1=\"{Numbers.Coordinate(x)}\" y1=\"{Numbers.Coordinate(Top)}\" " +
                $"x2=\"{Numbers.Coordinate(x)}\" y2=\"{Numbers.Coordinate(Top + PlotHeight)}\" />");
            if (x - lastLabel >= MinLabelGap)
            {
                output.Line(
                    $"<text class=\"tick\" x=\"{Numbers.Coordinate(x)}\" y=\"{Numbers.Coordinate(Top + PlotHeight + 18)}\" text-anchor=\"middle\">" +
                    $"{Numbers.Integer(depth)}</text>");
                lastLabel = x;
            }
        }
        output.Line(
            $"<line class=\"axis\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{Numbers.Coordinate(Top + PlotHeight)}\" " +
            $"x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{Numbers.Coordinate(Top + PlotHeight)}\" />");
        output.Line("</g>");

        output.Line("<g class=\"series\">");
        var colours = SeriesColours(sweep, baselineName);
        for (var s = 0; s < sweep.Series.Count; s++)
        {
            var series = sweep.Series[s];
            var dashed = series.RunName == baselineName ? " stroke-dasharray=\"7 5\"" : "";
            var points = string.Join(' ', depths.Select((d, i) => $"{Numbers.Coordinate(X(d))},{Numbers.Coordinate(Y(series.Values[i]))}"));
            output.Line($"<g class=\"run\" stroke=\"{colours[s]}\" fill=\"{colours[s]}\">");
            output.Line($"<polyline points=\"{points}\" fill=\"none\" stroke-width=\"2.5\"{dashed} />");
            for (var i = 0; i < depths.Count; i++)
            {
                output.Line(
                    $"<circle cx=\"{Numbers.Coordinate(X(depths[i]))}\" cy=\"{Numbers.Coordinate(Y(series.Values[i]))}\" r=\"4\">" +
                    $"<title>{HtmlText.Escape(series.RunName)} at depth {Numbers.Integer(depths[i])}: {Numbers.Metric(series.Values[i])}</title></circle>");
            }
            output.Line("</g>");
        }
        output.Line("</g>");

        output.Line(
            $"<text class=\"axis-label\" x=\"{Numbers.Coordinate(Left + (PlotWidth / 2))}\" y=\"{Numbers.Coordinate(Height - 10)}\" text-anchor=\"middle\">" +
            $"Rerank depth{(logarithmic ? " (log scale)" : "")}</text>");
        output.Line(
            $"<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"{Numbers.Coordinate(-(Top + (PlotHeight / 2)))}\" y=\"16\" text-anchor=\"middle\">" +
            $"{measure}</text>");
        output.Line("</svg>");

        output.Line("<ul class=\"legend\">");
        for (var s = 0; s < sweep.Series.Count; s++)
        {
            var series = sweep.Series[s];
            var dashed = series.RunName == baselineName ? " stroke-dasharray=\"7 5\"" : "";
            var suffix = series.RunName == baselineName ? " <span class=\"badge\">baseline</span>" : "";
            output.Line(
                $"<li><svg class=\"swatch\" width=\"30\" height=\"12\" aria-hidden=\"true\"><line x1=\"1\" y1=\"6\" x2=\"29\" y2=\"6\" " +
                $"stroke=\"{colours[s]}\" stroke-width=\"3\"{dashed} /></svg>{HtmlText.Escape(series.RunName)}{suffix}</li>");
        }
        output.Line("</ul>");
    }

    /// <summary>Grey for the baseline; the palette in order for the other series.</summary>
    private static string[] SeriesColours(DepthSweep sweep, string? baselineName)
    {
        var colours = new string[sweep.Series.Count];
        var next = 0;
        for (var s = 0; s < colours.Length; s++)
        {
            colours[s] = sweep.Series[s].RunName == baselineName
                ? Palette.Baseline
                : Palette.Series[next++ % Palette.Series.Count];
        }
        return colours;
    }
}
