namespace Pipeline.Evaluation.Tests.Comparison;

internal static class Tolerance
{
    /// <summary>
    /// The documented accuracy of <c>SpecialFunctions.RegularizedIncompleteBeta</c>, relative: 5e-14 plus
    /// (a + b) · 1e-16. The second part is the conditioning of the continued fraction near x = 1, where the
    /// rounding of x itself is amplified about a + b times (it reaches 5e-11 for a t-test with 10⁶ degrees of
    /// freedom).
    /// </summary>
    public static double IncompleteBeta(double a, double b) => 5e-14 + ((a + b) * 1e-16);

    /// <summary>Asserts |actual − expected| ≤ relative · |expected| (or ≤ relative when expected is 0).</summary>
    public static void AssertRelative(double expected, double actual, double relative, string context = "")
    {
        var allowed = relative * Math.Max(Math.Abs(expected), expected == 0 ? 1.0 : 0.0);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{context} expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {relative:E1})");
    }
}
