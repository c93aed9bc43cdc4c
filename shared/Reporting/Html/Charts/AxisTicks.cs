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
                values[i] = Math.Round(Min + (i * Step), Math.Min(Decimals + 3, 15));
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
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(nice * magnitude) + 1e-9));
        // Rounded so that, say, 3 × 0.2 is 0.6 and not 0.6000000000000001.
        var digits = Math.Min(decimals + 3, 15);
        var step = Math.Round(nice * magnitude, digits);
        var min = Math.Round(Math.Floor((low / step) + 1e-9) * step, digits);
        var max = Math.Round(Math.Ceiling((high / step) - 1e-9) * step, digits);
        if (max <= min)
        {
            max = min + step;
        }
        return new AxisTicks(min, max, step, decimals);
    }
}
