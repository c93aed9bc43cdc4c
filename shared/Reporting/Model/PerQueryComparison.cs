namespace Pipeline.Reporting.Model;

/// <summary>
/// One measure per query for the baseline and one compared run: the source of the per-query difference chart
/// and of the most-improved / most-hurt lists.
/// </summary>
public sealed class PerQueryComparison
{
    /// <summary>The default <see cref="UnchangedTolerance"/>: differences that print as 0.0000 count as unchanged.</summary>
    public const double DefaultUnchangedTolerance = 0.00005;

    /// <summary>The measure the values are of.</summary>
    public required ReportMeasure Measure { get; init; }

    /// <summary>The name of the baseline run.</summary>
    public required string BaselineRun { get; init; }

    /// <summary>The name of the run compared against the baseline.</summary>
    public required string ComparedRun { get; init; }

    /// <summary>One entry per query; query ids are unique. Order does not matter: writers sort by difference.</summary>
    public required IReadOnlyList<PerQueryValue> Queries { get; init; }

    /// <summary>
    /// A query whose absolute difference is below this counts as unchanged. Default
    /// <see cref="DefaultUnchangedTolerance"/> (0.00005), so that a query shown as improved never prints +0.0000.
    /// Must be finite and not negative.
    /// </summary>
    public double UnchangedTolerance { get; init; } = DefaultUnchangedTolerance;
}
