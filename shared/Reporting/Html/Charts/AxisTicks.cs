namespace Pipeline.Reporting.Html.Charts;

/// <summary>
/// A "nice" linear axis: a step of 1, 2 or 5 times a power of ten that cuts the data range into about the
/// requested number of intervals, and a domain widened to whole steps.
/// </summary>
internal readonly record struct AxisTicks(double Min, double Max, double Step, int Decimals)
{
    public IReadOnlyList<double> Values
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            var values = new double[count + 1];
            for (var i = 0; i <= count; i++)
            {
                values[i] = Math.Round(Min + (i * Step), Decimals + 3);
            }
            return values;
        }
    }

    /// <summary>Ticks covering [<paramref name="low"/>, <paramref name="high"/>]; <paramref name="high"/> must exceed <paramref name="low"/>.</summary>
    public static AxisTicks Create(double low, double high, int intervals)
    {
        var raw = (high - low) / intervals;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        var step = nice * magnitude;
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        var min = Math.Floor((low / step) + 1e-9) * step;
        var max = Math.Ceiling((high / step) - 1e-9) * step;
        if (max <= min)
        {
            max = min + step;
        }
        return new AxisTicks(min, max, step, decimals);
    }
}
