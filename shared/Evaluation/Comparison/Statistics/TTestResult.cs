namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>The outcome of a paired Student t-test on per-query differences (treatment − baseline).</summary>
/// <param name="Count">Number of pairs n.</param>
/// <param name="MeanDifference">Mean of the differences (NaN when n = 0).</param>
/// <param name="StandardDeviation">Sample standard deviation of the differences, divisor n − 1 (NaN when n &lt; 2).</param>
/// <param name="TStatistic">
/// Mean / (standard deviation / √n). NaN when n &lt; 2 or when every difference is 0; ±∞ when the differences are
/// all equal and non-zero.
/// </param>
/// <param name="DegreesOfFreedom">n − 1 (0 when n &lt; 2).</param>
/// <param name="PValue">
/// Two-sided p-value. NaN when n &lt; 2 (undefined); 1 when every difference is 0; 0 when the differences have no
/// spread and a non-zero mean.
/// </param>
public sealed record TTestResult(
    int Count,
    double MeanDifference,
    double StandardDeviation,
    double TStatistic,
    int DegreesOfFreedom,
    double PValue);
