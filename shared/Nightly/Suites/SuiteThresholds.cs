namespace Pipeline.Nightly.Suites;

/// <summary>When a change between nights counts as a regression or an improvement.</summary>
/// <param name="MinDrop">The smallest absolute change of the mean (0–1) that counts; default 0.01.</param>
/// <param name="Significance">The p-value below which the paired test counts the change as real (0–1, exclusive); default 0.05.</param>
/// <param name="RollingNights">Nights averaged per query into the rolling baseline (1–365); default 7.</param>
/// <param name="Test">The paired test: <c>t-test</c> (default) or <c>randomization</c> (10,000 sign patterns, seed 42).</param>
public sealed record SuiteThresholds(double MinDrop = 0.01, double Significance = 0.05, int RollingNights = 7, string Test = "t-test");
