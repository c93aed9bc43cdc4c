using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// One run against the baseline on one measure, over the baseline's queries (a query the run lacks counts as 0).
/// All differences are run − baseline.
/// </summary>
public sealed record RunComparison
{
    /// <summary>The run's name.</summary>
    public required string RunName { get; init; }

    /// <summary>The run's mean over the baseline's queries.</summary>
    public required double Mean { get; init; }

    /// <summary>Run mean − baseline mean, in the measure's own units (0.0123 is 1.23 points of a [0, 1] measure).</summary>
    public required double Difference { get; init; }

    /// <summary>
    /// 100 · <see cref="Difference"/> / baseline mean, or <c>null</c> when the baseline mean is 0 (undefined).
    /// </summary>
    public required double? RelativeDifferencePercent { get; init; }

    /// <summary>Queries won, tied and lost against the baseline.</summary>
    public required WinTieLoss WinTieLoss { get; init; }

    /// <summary>The paired two-sided Student t-test.</summary>
    public required TTestResult TTest { get; init; }

    /// <summary>The paired two-sided randomization test.</summary>
    public required RandomizationTestResult Randomization { get; init; }

    /// <summary>Percentile bootstrap confidence interval of the mean difference.</summary>
    public required ConfidenceInterval Bootstrap { get; init; }

    /// <summary>
    /// The t-test p-value after Holm's adjustment across every (run, measure) t-test in the report (NaN where the
    /// raw p-value is NaN).
    /// </summary>
    public required double TTestPValueHolm { get; init; }

    /// <summary>
    /// The randomization p-value after Holm's adjustment across every (run, measure) randomization test in the report.
    /// </summary>
    public required double RandomizationPValueHolm { get; init; }

    /// <summary>Baseline queries this run has no value for; each counted as 0.</summary>
    public required int MissingQueryCount { get; init; }

    /// <summary>Queries this run has a value for that the baseline lacks; they take no part in the comparison.</summary>
    public required int IgnoredQueryCount { get; init; }
}
