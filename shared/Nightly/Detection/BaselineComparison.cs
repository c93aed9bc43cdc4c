namespace Pipeline.Nightly.Detection;

/// <summary>Tonight against one baseline (the previous night, or the rolling mean of the last nights).</summary>
/// <param name="From">The oldest night in the baseline.</param>
/// <param name="To">The newest night in the baseline.</param>
/// <param name="Nights">Nights averaged (1 for the previous night).</param>
/// <param name="Queries">Queries paired: those with a value tonight and in the baseline.</param>
/// <param name="BaselineMean">The baseline's mean over the paired queries.</param>
/// <param name="TonightMean">Tonight's mean over the paired queries.</param>
/// <param name="Delta">Tonight − baseline, the mean of the per-query differences.</param>
/// <param name="PValue">The two-sided p-value of the paired test (NaN with fewer than two queries).</param>
/// <param name="Kind">The classification.</param>
public sealed record BaselineComparison(DateOnly From, DateOnly To, int Nights, int Queries, double BaselineMean, double TonightMean, double Delta,
    double PValue, ChangeKind Kind);
