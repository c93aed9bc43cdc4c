namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// The Student t distribution with ν degrees of freedom, through the regularized incomplete beta function:
/// P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, ½).
/// </summary>
public static class StudentT
{
    /// <summary>
    /// The two-sided tail probability P(|T| ≥ |<paramref name="t"/>|) for ν = <paramref name="degreesOfFreedom"/>.
    /// Computed without forming 1 − CDF, so tiny p-values for large |t| keep their relative accuracy. Returns NaN
    /// for a NaN statistic and 0 for an infinite one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ν is not a finite number greater than 0.</exception>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        ValidateDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }
        var squared = t * t;
        if (double.IsPositiveInfinity(squared))
        {
            return 0.0;
        }
        var denominator = degreesOfFreedom + squared;
        return SpecialFunctions.RegularizedIncompleteBeta(
            degreesOfFreedom / 2.0, 0.5, degreesOfFreedom / denominator, squared / denominator);
    }

    /// <summary>
    /// The cumulative distribution function P(T ≤ <paramref name="t"/>) for ν = <paramref name="degreesOfFreedom"/>
    /// (NaN for a NaN statistic). The lower tail keeps its relative accuracy; the upper tail is 1 − its complement.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ν is not a finite number greater than 0.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var halfTail = TwoSidedPValue(t, degreesOfFreedom) / 2.0;
        return t > 0 ? 1.0 - halfTail : halfTail;
    }

    private static void ValidateDegreesOfFreedom(double degreesOfFreedom)
    {
        if (!double.IsFinite(degreesOfFreedom) || degreesOfFreedom <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be a finite number greater than 0.");
        }
    }
}
