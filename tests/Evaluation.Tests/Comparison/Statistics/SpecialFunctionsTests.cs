using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class SpecialFunctionsTests
{
    public static TheoryData<int> LogGammaCases => StatsReference.Indices("log_gamma");
    public static TheoryData<int> LogBetaCases => StatsReference.Indices("log_beta");
    public static TheoryData<int> IncompleteBetaCases => StatsReference.Indices("incomplete_beta");

    [Theory]
    [MemberData(nameof(LogGammaCases))]
    public void LogGamma_matches_a_50_digit_reference(int index)
    {
        var c = StatsReference.Case("log_gamma", index);
        var actual = SpecialFunctions.LogGamma(c.Number("x"));
        var expected = c.Number("value");
        // ln Γ is 0 at 1 and 2: compare absolutely there.
        Assert.Equal(expected, actual, 1e-13 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Fact]
    public void LogGamma_of_integers_is_the_log_factorial()
    {
        var factorial = 1.0;
        for (var n = 1; n <= 25; n++)
        {
            Tolerance.AssertRelative(Math.Log(factorial), SpecialFunctions.LogGamma(n), 1e-14, $"n = {n}:");
            factorial *= n;
        }
    }

    [Fact]
    public void LogGamma_of_one_half_is_log_square_root_of_pi()
    {
        Tolerance.AssertRelative(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-14);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void LogGamma_is_NaN_outside_the_positive_reals(double x)
    {
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(x)));
    }

    [Theory]
    [MemberData(nameof(LogBetaCases))]
    public void LogBeta_matches_a_50_digit_reference(int index)
    {
        var c = StatsReference.Case("log_beta", index);
        var expected = c.Number("value");
        var actual = SpecialFunctions.LogBeta(c.Number("a"), c.Number("b"));
        Assert.Equal(expected, actual, 1e-13 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Fact]
    public void LogBeta_is_symmetric_in_its_arguments()
    {
        Assert.Equal(SpecialFunctions.LogBeta(0.5, 123.0), SpecialFunctions.LogBeta(123.0, 0.5));
        Assert.Equal(SpecialFunctions.LogBeta(3.25, 11.0), SpecialFunctions.LogBeta(11.0, 3.25));
    }

    [Theory]
    [MemberData(nameof(IncompleteBetaCases))]
    public void Regularized_incomplete_beta_matches_a_50_digit_reference(int index)
    {
        var c = StatsReference.Case("incomplete_beta", index);
        var actual = SpecialFunctions.RegularizedIncompleteBeta(c.Number("a"), c.Number("b"), c.Number("x"));
        Tolerance.AssertRelative(c.Number("value"), actual, Tolerance.IncompleteBeta(c.Number("a"), c.Number("b")), $"case {index}:");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.125)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Regularized_incomplete_beta_has_the_closed_forms_of_small_parameters(double x)
    {
        Assert.Equal(x, SpecialFunctions.RegularizedIncompleteBeta(1, 1, x), 1e-15);
        Assert.Equal(Math.Pow(x, 3.5), SpecialFunctions.RegularizedIncompleteBeta(3.5, 1, x), 1e-14);
        Assert.Equal(1 - Math.Pow(1 - x, 4), SpecialFunctions.RegularizedIncompleteBeta(1, 4, x), 1e-14);
        // I_x(½, ½) = (2/π) arcsin √x, the arcsine distribution.
        Assert.Equal(2 / Math.PI * Math.Asin(Math.Sqrt(x)), SpecialFunctions.RegularizedIncompleteBeta(0.5, 0.5, x), 1e-14);
    }

    [Theory]
    [InlineData(2.0, 5.0, 0.3)]
    [InlineData(0.5, 30.0, 0.01)]
    [InlineData(40.0, 60.0, 0.45)]
    public void Regularized_incomplete_beta_satisfies_its_reflection(double a, double b, double x)
    {
        var direct = SpecialFunctions.RegularizedIncompleteBeta(a, b, x);
        var reflected = SpecialFunctions.RegularizedIncompleteBeta(b, a, 1 - x);
        Assert.Equal(1.0, direct + reflected, 1e-14);
    }

    [Fact]
    public void Regularized_incomplete_beta_is_NaN_for_out_of_range_arguments()
    {
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedIncompleteBeta(1, 1, -0.1)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedIncompleteBeta(1, 1, 1.1)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedIncompleteBeta(0, 1, 0.5)));
        Assert.True(double.IsNaN(SpecialFunctions.RegularizedIncompleteBeta(1, -2, 0.5)));
    }
}
