namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>The outcome of a paired randomization (sign-flip) test on per-query differences.</summary>
/// <param name="Count">Number of pairs n.</param>
/// <param name="ObservedMeanDifference">Mean of the differences as given (NaN when n = 0).</param>
/// <param name="PValue">
/// Two-sided p-value: ExtremeCount / 2ⁿ when exact, (ExtremeCount + 1) / (Patterns + 1) when sampled; NaN when n = 0.
/// </param>
/// <param name="IsExact">Whether all 2ⁿ sign patterns were enumerated (otherwise they were sampled).</param>
/// <param name="Patterns">Sign patterns evaluated: 2ⁿ when exact, the number of random draws when sampled.</param>
/// <param name="ExtremeCount">
/// Patterns whose |mean| reached the observed |mean| (within the tie tolerance). Exact enumeration includes the
/// identity pattern in this count; sampling does not, and adds 1 for it in the p-value instead.
/// </param>
public sealed record RandomizationTestResult(
    int Count,
    double ObservedMeanDifference,
    double PValue,
    bool IsExact,
    long Patterns,
    long ExtremeCount);
