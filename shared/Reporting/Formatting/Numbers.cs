using System.Globalization;

namespace Pipeline.Reporting.Formatting;

/// <summary>The report's number formats, all culture-invariant.</summary>
internal static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A metric value with four decimals: <c>0.4123</c>.</summary>
    public static string Metric(double value) => value.ToString("0.0000", Invariant);

    /// <summary>A signed difference with four decimals: <c>+0.0123</c>, <c>-0.0040</c>; one that rounds to zero is <c>0.0000</c>.</summary>
    public static string Delta(double value) => value.ToString("+0.0000;-0.0000;0.0000", Invariant);

    /// <summary>A p-value with four decimals, or <c>&lt;0.0001</c> below that.</summary>
    public static string PValue(double value) => value < 0.0001 ? "<0.0001" : value.ToString("0.0000", Invariant);

    /// <summary>An integer such as a depth or a count.</summary>
    public static string Integer(int value) => value.ToString(Invariant);

    /// <summary>A timestamp in UTC to the second: <c>2026-01-02 03:04:05 UTC</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    /// <summary>A timestamp in ISO 8601 UTC form for machine-readable attributes: <c>2026-01-02T03:04:05Z</c>.</summary>
    public static string IsoTimestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    /// <summary>An SVG coordinate or length with at most two decimals: <c>12.5</c>.</summary>
    public static string Coordinate(double value)
    {
        var text = Math.Round(value, 2).ToString("0.##", Invariant);
        return text == "-0" ? "0" : text;
    }

    /// <summary>An axis tick label with <paramref name="decimals"/> decimals, signed when <paramref name="signed"/>.</summary>
    public static string Tick(double value, int decimals, bool signed)
    {
        var digits = decimals > 0 ? "0." + new string('0', decimals) : "0";
        var format = signed ? $"+{digits};-{digits};0" : digits;
        return value.ToString(format, Invariant);
    }
}
