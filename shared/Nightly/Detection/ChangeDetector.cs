using Pipeline.Evaluation.Comparison.Statistics;
using Pipeline.Nightly.History;
using Pipeline.Nightly.Suites;

namespace Pipeline.Nightly.Detection;

/// <summary>
/// Compares tonight's per-query values of a tracked measure with a baseline using the paired tests of the evaluation
/// library, and classifies the change: a regression when the mean drops by at least <c>minDrop</c> and the p-value is
/// below <c>significance</c>, an improvement symmetrically, stable otherwise.
/// </summary>
public static class ChangeDetector
{
    /// <summary>
    /// Tonight against the per-query mean of <paramref name="nights"/> (one night for the previous-night comparison;
    /// up to <c>rollingNights</c> for the rolling baseline). A query missing from a night is averaged over the nights
    /// that have it; only queries with a value tonight and in the baseline are paired. Null when
    /// <paramref name="nights"/> is empty.
    /// </summary>
    public static BaselineComparison? Compare(HistoryMeasure tonight, IReadOnlyList<(DateOnly Date, HistoryMeasure Values)> nights, SuiteThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(tonight);
        ArgumentNullException.ThrowIfNull(nights);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (nights.Count == 0)
        {
            return null;
        }
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var (_, night) in nights)
        {
            foreach (var (query, value) in night.PerQuery)
            {
                var (sum, count) = sums.GetValueOrDefault(query);
                sums[query] = (sum + value, count + 1);
            }
        }
        var queries = tonight.PerQuery.Keys.Where(sums.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var treatment = new double[queries.Count];
        var baseline = new double[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var (sum, count) = sums[queries[i]];
            treatment[i] = tonight.PerQuery[queries[i]];
            baseline[i] = nights.Count == 1 ? sum : sum / count;
        }
        var differences = new double[queries.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = treatment[i] - baseline[i];
        }
        var pValue = thresholds.Test == "randomization"
            ? PairedRandomizationTest.FromDifferences(differences).PValue
            : PairedTTest.FromDifferences(differences).PValue;
        var delta = differences.Length == 0 ? 0 : differences.Average();
        var dates = nights.Select(n => n.Date).Order().ToList();
        return new BaselineComparison(dates[0], dates[^1], nights.Count, queries.Count,
            baseline.Length == 0 ? double.NaN : baseline.Average(), treatment.Length == 0 ? double.NaN : treatment.Average(),
            delta, pValue, Classify(delta, pValue, thresholds));
    }

    /// <summary>The rule: |delta| ≥ minDrop (with a 1e-12 allowance for rounding) and p &lt; significance; the sign says which.</summary>
    public static ChangeKind Classify(double delta, double pValue, SuiteThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (double.IsNaN(pValue) || pValue >= thresholds.Significance || Math.Abs(delta) < thresholds.MinDrop - 1e-12)
        {
            return ChangeKind.Stable;
        }
        return delta < 0 ? ChangeKind.Regression : ChangeKind.Improvement;
    }

    /// <summary>
    /// The verdict of a tracked measure from its two comparisons: a regression when either is one, else an
    /// improvement when either is one, else stable.
    /// </summary>
    public static ChangeKind Combine(BaselineComparison? previous, BaselineComparison? rolling)
    {
        var kinds = new[] { previous?.Kind, rolling?.Kind };
        return kinds.Contains(ChangeKind.Regression) ? ChangeKind.Regression
            : kinds.Contains(ChangeKind.Improvement) ? ChangeKind.Improvement
            : ChangeKind.Stable;
    }
}
