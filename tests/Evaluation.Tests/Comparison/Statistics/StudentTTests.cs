using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class StudentTTests
{
    public static TheoryData<int> ScipyCases => StatsReference.Indices("student_t");

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Two_sided_p_value_matches_a_50_digit_reference(int index)
    {
        var c = StatsReference.Case("student_t", index);
        var actual = StudentT.TwoSidedPValue(c.Number("t"), c.Number("df"));
        Tolerance.AssertRelative(c.Number("two_sided_p"), actual, Tolerance.IncompleteBeta(c.Number("df") / 2, 0.5),
            $"t = {c.Number("t")}, df = {c.Number("df")}:");
    }

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Cdf_matches_a_50_digit_reference(int index)
    {
        var c = StatsReference.Case("student_t", index);
        var actual = StudentT.Cdf(c.Number("t"), c.Number("df"));
        Tolerance.AssertRelative(c.Number("cdf"), actual, Tolerance.IncompleteBeta(c.Number("df") / 2, 0.5),
            $"t = {c.Number("t")}, df = {c.Number("df")}:");
    }

    // Two-sided 5% and 1% critical values as printed (4 decimals) in standard t tables.
    [Theory]
    [InlineData(1, 0.05, 12.7062)]
    [InlineData(5, 0.05, 2.5706)]
    [InlineData(10, 0.05, 2.2281)]
    [InlineData(30, 0.05, 2.0423)]
    [InlineData(10, 0.01, 3.1693)]
    [InlineData(120, 0.01, 2.6174)]
    public void Published_table_critical_values_bracket_their_level(int df, double alpha, double tableValue)
    {
        // The exact critical value lies within half a unit of the table's last digit; p falls as t grows.
        Assert.True(StudentT.TwoSidedPValue(tableValue - 0.00005, df) > alpha);
        Assert.True(StudentT.TwoSidedPValue(tableValue + 0.00005, df) < alpha);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(-4.0)]
    [InlineData(250.0)]
    public void One_degree_of_freedom_is_the_Cauchy_distribution(double t)
    {
        var expected = 1 - (2 / Math.PI * Math.Atan(Math.Abs(t)));
        Tolerance.AssertRelative(expected, StudentT.TwoSidedPValue(t, 1), 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(-2.0)]
    [InlineData(30.0)]
    public void Two_degrees_of_freedom_has_its_closed_form(double t)
    {
        // P(|T| ≥ t) = 1 − |t| / √(2 + t²) for ν = 2.
        var expected = 1 - (Math.Abs(t) / Math.Sqrt(2 + (t * t)));
        Tolerance.AssertRelative(expected, StudentT.TwoSidedPValue(t, 2), 1e-12);
    }

    [Fact]
    public void Cdf_is_symmetric_about_zero()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 7));
        Assert.Equal(1.0, StudentT.Cdf(1.3, 7) + StudentT.Cdf(-1.3, 7), 1e-15);
    }

    [Fact]
    public void Extreme_statistics_give_the_limits()
    {
        Assert.Equal(0.0, StudentT.TwoSidedPValue(double.PositiveInfinity, 3));
        Assert.Equal(0.0, StudentT.TwoSidedPValue(-1e300, 3));
        Assert.Equal(1.0, StudentT.TwoSidedPValue(0.0, 3));
        Assert.True(double.IsNaN(StudentT.TwoSidedPValue(double.NaN, 3)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Degrees_of_freedom_must_be_positive_and_finite(double df)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.TwoSidedPValue(1.0, df));
        Assert.Equal("degreesOfFreedom", error.ParamName);
    }
}
