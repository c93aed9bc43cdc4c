namespace Pipeline.Reporting.Model;

/// <summary>
/// What both writers say about a <see cref="PerQueryComparison"/>: the queries sorted by difference (largest
/// improvement first, ties by query id), how many improved, were hurt or stayed unchanged, and the extremes.
/// </summary>
internal sealed class PerQuerySummary
{
    /// <summary>How many queries each of the most-improved and most-hurt lists holds at most.</summary>
    public const int ExtremeCount = 5;

    private PerQuerySummary(PerQueryValue[] sorted, double tolerance)
    {
        Sorted = sorted;
        Tolerance = tolerance;
        Improved = sorted.Count(q => Classify(q) > 0);
        Hurt = sorted.Count(q => Classify(q) < 0);
    }

    /// <summary>All queries by difference, descending; ties by query id (ordinal).</summary>
    public IReadOnlyList<PerQueryValue> Sorted { get; }

    public double Tolerance { get; }

    public int Improved { get; }

    public int Hurt { get; }

    public int Unchanged => Sorted.Count - Improved - Hurt;

    /// <summary>Up to <see cref="ExtremeCount"/> improved queries, most improved first.</summary>
    public IReadOnlyList<PerQueryValue> MostImproved => Sorted.Take(Math.Min(Improved, ExtremeCount)).ToArray();

    /// <summary>Up to <see cref="ExtremeCount"/> hurt queries, most hurt first.</summary>
    public IReadOnlyList<PerQueryValue> MostHurt =>
        Sorted.Where(q => Classify(q) < 0)
            .OrderBy(static q => q.Difference)
            .ThenBy(static q => q.QueryId, StringComparer.Ordinal)
            .Take(ExtremeCount)
            .ToArray();

    /// <summary>+1 when the query improved, -1 when it was hurt, 0 when unchanged within the tolerance.</summary>
    public int Classify(PerQueryValue query)
    {
        var difference = query.Difference;
        return Math.Abs(difference) < Tolerance ? 0 : Math.Sign(difference);
    }

    public static PerQuerySummary Create(PerQueryComparison comparison)
    {
        var sorted = comparison.Queries
            .OrderByDescending(static q => q.Difference)
            .ThenBy(static q => q.QueryId, StringComparer.Ordinal)
            .ToArray();
        return new PerQuerySummary(sorted, comparison.UnchangedTolerance);
    }
}
