namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>A two-sided confidence interval around an estimate.</summary>
/// <param name="Estimate">The point estimate from the sample itself (NaN for an empty sample).</param>
/// <param name="Lower">Lower bound (NaN for an empty sample).</param>
/// <param name="Upper">Upper bound (NaN for an empty sample).</param>
/// <param name="Level">Nominal coverage, in (0, 1), for example 0.95.</param>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level)
{
    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
