namespace Pipeline.Core.Jobs;

/// <summary>The paired significance test of every run against the baseline (Holm–Bonferroni across runs).</summary>
/// <param name="Test"><c>t-test</c> (default) or <c>randomization</c>.</param>
/// <param name="Level">Significance level (0–0.5); default 0.05.</param>
/// <param name="Permutations">Randomization test permutations when not exact; default 10,000.</param>
/// <param name="Seed">Seed of the randomization test and bootstrap; default 42.</param>
public sealed record SignificanceSpec(string Test = "t-test", double Level = 0.05, int Permutations = 10_000, ulong Seed = 42);
