using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class PairedTTestTests
{
    public static TheoryData<int> ScipyCases => StatsReference.Indices("paired_t_tests");

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Matches_a_50_digit_reference_and_scipy_ttest_rel(int index)
    {
        var c = StatsReference.Case("paired_t_tests", index);
        var result = PairedTTest.Compute(c.Numbers("treatment"), c.Numbers("baseline"));
        var name = c.GetProperty("name").GetString();
        Assert.Equal(c.GetProperty("df").GetInt32(), result.DegreesOfFreedom);
        Tolerance.AssertRelative(c.Number("t"), result.TStatistic, 1e-14, $"{name} t:");
        Tolerance.AssertRelative(c.Number("p"), result.PValue, 1e-13, $"{name} p:");
        // SciPy's own ttest_rel, stored as a cross-check, agrees to its (lower) accuracy.
        Tolerance.AssertRelative(c.Number("scipy_p"), result.PValue, 1e-11, $"{name} scipy p:");
    }

    [Theory]
    [InlineData(0.2, 0.3)]
    [InlineData(-0.05, 0.4)]
    [InlineData(-0.25, -0.1)]
    public void Two_pairs_have_the_closed_form_of_one_degree_of_freedom(double d1, double d2)
    {
        // n = 2: mean (d1 + d2) / 2, s = |d1 − d2| / √2, so t = (d1 + d2) / |d1 − d2|; ν = 1 is Cauchy.
        var result = PairedTTest.FromDifferences([d1, d2]);
        var t = (d1 + d2) / Math.Abs(d1 - d2);
        Tolerance.AssertRelative(t, result.TStatistic, 1e-13);
        Tolerance.AssertRelative(1 - (2 / Math.PI * Math.Atan(Math.Abs(t))), result.PValue, 1e-12);
        Assert.Equal(1, result.DegreesOfFreedom);
    }

    [Fact]
    public void Swapping_the_samples_negates_t_and_keeps_p()
    {
        double[] a = [0.4, 0.5, 0.61, 0.2, 0.33];
        double[] b = [0.3, 0.52, 0.5, 0.1, 0.3];
        var forward = PairedTTest.Compute(a, b);
        var backward = PairedTTest.Compute(b, a);
        Assert.Equal(-forward.TStatistic, backward.TStatistic, 1e-14);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15);
    }

    [Fact]
    public void Fewer_than_two_pairs_leave_p_undefined()
    {
        var one = PairedTTest.FromDifferences([0.3]);
        Assert.Equal(1, one.Count);
        Assert.Equal(0.3, one.MeanDifference);
        Assert.True(double.IsNaN(one.PValue));
        Assert.True(double.IsNaN(one.TStatistic));
        var none = PairedTTest.FromDifferences([]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.PValue));
        Assert.True(double.IsNaN(none.MeanDifference));
    }

    [Fact]
    public void Differences_that_are_all_zero_give_p_one()
    {
        var result = PairedTTest.Compute([0.1, 0.7, 0.3], [0.1, 0.7, 0.3]);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(0.0, result.StandardDeviation);
        Assert.True(double.IsNaN(result.TStatistic));
    }

    [Theory]
    [InlineData(0.1, 0.0, double.PositiveInfinity)]
    [InlineData(-0.25, 0.0, double.NegativeInfinity)]
    public void A_constant_non_zero_difference_gives_p_zero(double difference, double expectedP, double expectedT)
    {
        var result = PairedTTest.FromDifferences([difference, difference, difference, difference]);
        Assert.Equal(expectedP, result.PValue);
        Assert.Equal(expectedT, result.TStatistic);
        Assert.Equal(difference, result.MeanDifference);
    }

    [Fact]
    public void Differences_equal_only_up_to_rounding_give_a_p_value_near_zero()
    {
        // 0.2 − 0.1 and 0.4 − 0.3 differ in the last bits: a tiny but real variance, not the degenerate case.
        var result = PairedTTest.Compute([0.2, 0.4, 0.2], [0.1, 0.3, 0.1]);
        Assert.True(result.StandardDeviation > 0);
        Assert.True(result.TStatistic > 1e12);
        Assert.InRange(result.PValue, 0.0, 1e-20);
    }

    [Fact]
    public void A_large_common_offset_does_not_swamp_the_spread()
    {
        // d = c + e with e = (−1, 0, 1) · 1e-3: mean c, s = 1e-3, t = c √3 / 1e-3.
        const double offset = 1000.0;
        var result = PairedTTest.FromDifferences([offset - 1e-3, offset, offset + 1e-3]);
        Tolerance.AssertRelative(1e-3, result.StandardDeviation, 1e-9);
        Tolerance.AssertRelative(offset * Math.Sqrt(3) / 1e-3, result.TStatistic, 1e-9);
    }

    [Fact]
    public void Samples_of_different_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PairedTTest.Compute([1.0, 2.0], [1.0]));
    }
}
