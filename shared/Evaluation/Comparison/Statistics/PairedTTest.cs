namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// The paired Student t-test: a one-sample t-test of the per-query differences against 0, two-sided.
/// </summary>
/// <remarks>
/// Degenerate inputs are answered, not thrown: fewer than two pairs give a NaN p-value (there is no variance
/// estimate); differences that are all exactly 0 give p = 1 (no evidence of any difference); differences that
/// are all equal and non-zero give p = 0 (a constant shift with no noise). "Equal" means equal as doubles:
/// differences that differ only by rounding (0.2 − 0.1 and 0.4 − 0.3) have a tiny variance and get a huge t and a
/// p-value near 0, as any t-test implementation gives them. The variance uses the corrected two-pass algorithm, so
/// a large common offset does not swamp the spread.
/// </remarks>
public static class PairedTTest
{
    /// <summary>Tests <paramref name="treatment"/> − <paramref name="baseline"/>, pair by pair.</summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static TTestResult Compute(ReadOnlySpan<double> treatment, ReadOnlySpan<double> baseline)
    {
        if (treatment.Length != baseline.Length)
        {
            throw new ArgumentException(
                $"Paired samples differ in length ({treatment.Length} and {baseline.Length}).", nameof(baseline));
        }
        var differences = new double[treatment.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = treatment[i] - baseline[i];
        }
        return FromDifferences(differences);
    }

    /// <summary>Tests whether the mean of <paramref name="differences"/> is 0.</summary>
    public static TTestResult FromDifferences(ReadOnlySpan<double> differences)
    {
        var n = differences.Length;
        if (n == 0)
        {
            return new TTestResult(0, double.NaN, double.NaN, double.NaN, 0, double.NaN);
        }
        var sum = 0.0;
        var allEqual = true;
        foreach (var d in differences)
        {
            sum += d;
            allEqual &= d == differences[0];
        }
        // A constant sample's mean is the constant itself, not the rounded sum divided by n.
        var mean = allEqual ? differences[0] : sum / n;
        if (n == 1)
        {
            return new TTestResult(1, mean, double.NaN, double.NaN, 0, double.NaN);
        }

        var variance = 0.0;
        if (!allEqual)
        {
            var squares = 0.0;
            var residual = 0.0;
            foreach (var d in differences)
            {
                var deviation = d - mean;
                squares += deviation * deviation;
                residual += deviation;
            }
            variance = Math.Max(0.0, (squares - (residual * residual / n)) / (n - 1));
        }
        var standardDeviation = Math.Sqrt(variance);
        var degreesOfFreedom = n - 1;
        if (standardDeviation == 0.0)
        {
            return mean == 0.0
                ? new TTestResult(n, mean, 0.0, double.NaN, degreesOfFreedom, 1.0)
                : new TTestResult(n, mean, 0.0, mean > 0 ? double.PositiveInfinity : double.NegativeInfinity,
                    degreesOfFreedom, 0.0);
        }
        var t = mean / (standardDeviation / Math.Sqrt(n));
        return new TTestResult(n, mean, standardDeviation, t, degreesOfFreedom,
            StudentT.TwoSidedPValue(t, degreesOfFreedom));
    }
}
