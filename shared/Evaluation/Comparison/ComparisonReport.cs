namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// A comparison of runs against a baseline (the first run) on one or more measures, with significance tests and
/// Holm-adjusted p-values. Produced by <see cref="ComparisonBuilder"/>; rendered by
/// <see cref="ComparisonTextWriter"/> and <see cref="ComparisonJsonWriter"/>.
/// </summary>
public sealed record ComparisonReport
{
    /// <summary>The baseline run's name.</summary>
    public required string BaselineName { get; init; }

    /// <summary>Every run's name in input order, the baseline first.</summary>
    public required IReadOnlyList<string> RunNames { get; init; }

    /// <summary>One entry per measure, in the requested order.</summary>
    public required IReadOnlyList<MeasureComparison> Measures { get; init; }

    /// <summary>The settings the statistics were computed with.</summary>
    public required ComparisonOptions Options { get; init; }

    /// <summary>
    /// Size of each Holm family: the number of (run, measure) comparisons shown, (runs − 1) × measures. The t-test
    /// and randomization p-values are two separate families of this size (less any undefined p-values).
    /// </summary>
    public int ComparisonCount => (RunNames.Count - 1) * Measures.Count;
}
