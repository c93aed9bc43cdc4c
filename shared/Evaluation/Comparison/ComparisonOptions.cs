using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// Settings of a run comparison. Every default is reproducible: the same inputs and options give the same
/// report, bit for bit, on every platform.
/// </summary>
public sealed class ComparisonOptions
{
    /// <summary>Random sign patterns of the randomization test when it is not exact. Default 10,000; at least 1.</summary>
    public int Permutations { get; init; } = PairedRandomizationTest.DefaultPermutations;

    /// <summary>
    /// Largest query count for which the randomization test enumerates all 2ⁿ sign patterns exactly instead of
    /// sampling. Default 20; 0 to always sample; at most 40.
    /// </summary>
    public int ExactRandomizationMaxQueries { get; init; } = PairedRandomizationTest.DefaultExactMaxCount;

    /// <summary>Bootstrap resamples of the confidence interval. Default 10,000; at least 1.</summary>
    public int BootstrapResamples { get; init; } = PercentileBootstrap.DefaultResamples;

    /// <summary>Coverage of the bootstrap confidence interval. Default 0.95; strictly between 0 and 1.</summary>
    public double ConfidenceLevel { get; init; } = PercentileBootstrap.DefaultLevel;

    /// <summary>
    /// Seed of both the randomization test's and the bootstrap's generator. Default 42. Every (run, measure)
    /// comparison starts from this same seed, so its result does not depend on the other runs and measures shown.
    /// </summary>
    public ulong Seed { get; init; } = PairedRandomizationTest.DefaultSeed;

    /// <summary>Per-query tie tolerance of the wins/ties/losses count. Default 1e-12; finite and ≥ 0.</summary>
    public double TieEpsilon { get; init; } = WinTieLoss.DefaultEpsilon;

    /// <summary>
    /// Significance level α: an adjusted p-value below it is marked as significant. Default 0.05; strictly between
    /// 0 and 1.
    /// </summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>The defaults.</summary>
    public static ComparisonOptions Default { get; } = new();

    /// <summary>Checks every setting against its documented bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of bounds; the message names it.</exception>
    public void Validate()
    {
        if (Permutations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Permutations), Permutations, "At least 1 permutation is required.");
        }
        if (ExactRandomizationMaxQueries < 0 || ExactRandomizationMaxQueries > PairedRandomizationTest.MaxExactCount)
        {
            throw new ArgumentOutOfRangeException(nameof(ExactRandomizationMaxQueries), ExactRandomizationMaxQueries,
                $"The exact randomization threshold must lie in [0, {PairedRandomizationTest.MaxExactCount}].");
        }
        if (BootstrapResamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "At least 1 bootstrap resample is required.");
        }
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "The confidence level must lie strictly between 0 and 1.");
        }
        if (!double.IsFinite(TieEpsilon) || TieEpsilon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TieEpsilon), TieEpsilon, "The tie tolerance must be a finite number ≥ 0.");
        }
        if (!(SignificanceLevel > 0 && SignificanceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SignificanceLevel), SignificanceLevel, "The significance level must lie strictly between 0 and 1.");
        }
    }
}
