using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Html.Charts;

/// <summary>
/// The per-query difference chart: one bar per query, sorted from the largest improvement to the largest loss,
/// green above the zero line, red below, a thin grey mark for unchanged queries. Bars share the plot width, so
/// hundreds of queries make narrower bars rather than a wider chart. Each bar carries a tooltip with the query id
/// and both values.
/// </summary>
internal static class DifferenceChart
{
    public const double Width = 1000;
    public const double Height = 320;
    private const double Left = 76;
    private const double Right = 16;
    private const double Top = 14;
    private const double Bottom = 44;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    public static void Write(PerQueryComparison comparison, PerQuerySummary summary, LineWriter output)
    {
        var queries = summary.Sorted;
        var measure = HtmlText.Escape(comparison.Measure.DisplayName);
        var lowest = Math.Min(0, queries.Min(static q => q.Difference));
        var highest = Math.Max(0, queries.Max(static q => q.Difference));
        if (highest - lowest < 1e-9)
        {
            (lowest, highest) = (-0.1, 0.1);
        }
        var ticks = AxisTicks.Create(lowest, highest, 6);
        double Y(double value) => Top + ((ticks.Max - value) / (ticks.Max - ticks.Min) * PlotHeight);

        output.Line(
            $"<svg class=\"chart difference\" role=\"img\" viewBox=\"0 0 {Numbers.Coordinate(Width)} {Numbers.Coordinate(Height)}\" " +
            $"width=\"{Numbers.Coordinate(Width)}\" height=\"{Numbers.Coordinate(Height)}\" aria-label=\"Per-query difference in {measure}\">");
        output.Line($"<title>Per-query difference in {measure}, {HtmlText.Escape(comparison.ComparedRun)} minus {HtmlText.Escape(comparison.BaselineRun)}</title>");

        output.Line("<g class=\"y-axis\">");
        foreach (var tick in ticks.Values)
        {
            var y = Numbers.Coordinate(Y(tick));
            output.Line($"<line class=\"grid\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{y}\" x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{y}\" />");
            output.Line(
                $"<text class=\"tick\" x=\"{Numbers.Coordinate(Left - 8)}\" y=\"{Numbers.Coordinate(Y(tick) + 4)}\" text-anchor=\"end\">" +
                $"{Numbers.Tick(tick, ticks.Decimals, signed: true)}</text>");
        }
        output.Line("</g>");

        var slot = PlotWidth / queries.Count;
        var narrow = slot < 4;
        var barWidth = narrow ? slot : slot * 0.8;
        // Narrow bars touch; each overlaps its right neighbour a little so that anti-aliasing leaves no pale seams.
        var overlap = narrow ? Math.Min(0.5, slot / 4) : 0;
        var zero = Y(0);
        output.Line("<g class=\"bars\">");
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            var kind = summary.Classify(query);
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            var (y, height, css) = kind switch
            {
                > 0 => (Y(query.Difference), zero - Y(query.Difference), "up"),
                < 0 => (zero, Y(query.Difference) - zero, "down"),
                _ => (zero - 1, 2.0, "same"),
            };
            output.Line(
                $"<rect class=\"bar {css}\" x=\"{Numbers.Coordinate(x)}\" y=\"{Numbers.Coordinate(y)}\" " +
                $"width=\"{Numbers.Coordinate(i < queries.Count - 1 ? barWidth + overlap : barWidth)}\" height=\"{Numbers.Coordinate(Math.Max(height, 0.5))}\">" +
                $"<title>{HtmlText.Escape(query.QueryId)}: {Numbers.Metric(query.Baseline)} → {Numbers.Metric(query.Compared)} " +
                $"({Numbers.Delta(query.Difference)})</title></rect>");
        }
        output.Line("</g>");

        output.Line(
            $"<line class=\"zero\" x1=\"{Numbers.Coordinate(Left)}\" y1=\"{Numbers.Coordinate(zero)}\" " +
            $"x2=\"{Numbers.Coordinate(Left + PlotWidth)}\" y2=\"{Numbers.Coordinate(zero)}\" />");
        output.Line(
            $"<text class=\"axis-label\" x=\"{Numbers.Coordinate(Left + (PlotWidth / 2))}\" y=\"{Numbers.Coordinate(Height - 12)}\" text-anchor=\"middle\">" +
            $"{Numbers.Integer(queries.Count)} queries, sorted by Δ {measure} (most improved left)</text>");
        output.Line(
            $"<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"{Numbers.Coordinate(-(Top + (PlotHeight / 2)))}\" y=\"16\" text-anchor=\"middle\">" +
            $"Δ {measure}</text>");
        output.Line("</svg>");
    }
}
