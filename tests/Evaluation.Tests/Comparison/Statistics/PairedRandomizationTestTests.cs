using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class PairedRandomizationTestTests
{
    public static TheoryData<int> ScipyEnumerationCases => StatsReference.Indices("exact_randomization");

    public static TheoryData<int, int> BruteForceCases
    {
        get
        {
            var data = new TheoryData<int, int>();
            for (var n = 5; n <= 10; n++)
            {
                data.Add(n, 0);
                data.Add(n, 1);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ScipyEnumerationCases))]
    public void Exact_p_matches_an_integer_enumeration_of_all_sign_patterns(int index)
    {
        var c = StatsReference.Case("exact_randomization", index);
        var result = PairedRandomizationTest.FromDifferences(c.Numbers("differences"));
        Assert.True(result.IsExact);
        Assert.Equal(c.GetProperty("patterns").GetInt64(), result.Patterns);
        Assert.Equal(c.GetProperty("count").GetInt64(), result.ExtremeCount);
        Assert.Equal(c.Number("p"), result.PValue);
    }

    [Theory]
    [MemberData(nameof(BruteForceCases))]
    public void Exact_p_matches_a_decimal_brute_force_over_bit_masks(int n, int variant)
    {
        // Differences with 4 decimals, from a coarse grid in the second variant so that many sign patterns tie.
        var random = new Random((n * 31) + variant);
        var grid = variant == 0 ? 2001 : 5;
        var exact = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            exact[i] = variant == 0
                ? (random.Next(grid) - 800) / 10000m
                : (random.Next(grid) - 1) * 0.1m;
        }

        // Brute force in exact decimal arithmetic: bit i of the mask set flips difference i.
        var observed = Math.Abs(exact.Sum());
        var count = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            var sum = 0m;
            for (var i = 0; i < n; i++)
            {
                sum += (mask & (1 << i)) != 0 ? -exact[i] : exact[i];
            }
            if (Math.Abs(sum) >= observed)
            {
                count++;
            }
        }

        var result = PairedRandomizationTest.FromDifferences(exact.Select(d => (double)d).ToArray());
        Assert.Equal(count, result.ExtremeCount);
        Assert.Equal(count / (double)(1 << n), result.PValue);
    }

    [Fact]
    public void Thirty_values_of_equal_magnitude_follow_the_binomial_distribution()
    {
        // 20 differences of +0.1 and 10 of −0.1 (0.1 is not exact in binary: ties need the tolerance).
        // A pattern with k positive signs sums to 0.1 (2k − 30); it is extreme when |2k − 30| ≥ 10.
        var differences = Enumerable.Repeat(0.1, 20).Concat(Enumerable.Repeat(-0.1, 10)).ToArray();
        long expected = 0;
        for (var k = 0; k <= 30; k++)
        {
            if (Math.Abs((2 * k) - 30) >= 10)
            {
                expected += Binomial(30, k);
            }
        }

        var result = PairedRandomizationTest.FromDifferences(differences, exactMaxCount: 30);
        Assert.True(result.IsExact);
        Assert.Equal(1L << 30, result.Patterns);
        Assert.Equal(expected, result.ExtremeCount);
    }

    [Fact]
    public void Equal_positive_differences_reach_the_smallest_exact_p()
    {
        // Only the identity and its mirror image are as extreme: p = 2 / 2ⁿ.
        var result = PairedRandomizationTest.FromDifferences(Enumerable.Repeat(0.05, 10).ToArray());
        Assert.Equal(2.0 / 1024, result.PValue);
    }

    [Fact]
    public void Sampled_p_is_within_binomial_error_of_the_exact_p_for_twelve_queries()
    {
        foreach (var c in StatsReference.Section("exact_randomization").EnumerateArray())
        {
            var differences = c.Numbers("differences");
            if (differences.Length != 12)
            {
                continue;
            }
            var exactP = c.Number("p");
            foreach (var seed in new ulong[] { 42, 7, 20240607 })
            {
                var sampled = PairedRandomizationTest.FromDifferences(differences, permutations: 10_000, seed: seed, exactMaxCount: 0);
                Assert.False(sampled.IsExact);
                Assert.Equal(10_000, sampled.Patterns);
                // Four binomial standard deviations of a 10,000-draw proportion, plus the +1 of the p-value rule.
                var allowed = (4 * Math.Sqrt(exactP * (1 - exactP) / 10_000)) + (1.0 / 10_001);
                Assert.InRange(sampled.PValue, exactP - allowed, exactP + allowed);
            }
        }
    }

    public static TheoryData<int> SampledReferenceCases => StatsReference.Indices("sampled_randomization");

    [Theory]
    [MemberData(nameof(SampledReferenceCases))]
    public void Sampling_reproduces_an_independent_implementation_of_the_documented_procedure(int index)
    {
        // Same generator, same bit-to-difference rule, same summation order and tolerance, written in Python:
        // the extreme count must agree exactly, which pins the stream across platforms and versions.
        var c = StatsReference.Case("sampled_randomization", index);
        var result = PairedRandomizationTest.FromDifferences(
            c.Numbers("differences"), c.GetProperty("permutations").GetInt32(), c.GetProperty("seed").UInt64(), exactMaxCount: 0);
        Assert.Equal(c.GetProperty("extreme").GetInt64(), result.ExtremeCount);
        Assert.Equal(c.Number("p"), result.PValue);
    }

    [Fact]
    public void Sampling_with_a_fixed_seed_is_deterministic()
    {
        var differences = SampleDifferences(60);
        var first = PairedRandomizationTest.FromDifferences(differences, seed: 123);
        var second = PairedRandomizationTest.FromDifferences(differences, seed: 123);
        Assert.Equal(first, second);
        Assert.False(first.IsExact);
    }

    [Fact]
    public void Different_seeds_draw_different_patterns()
    {
        var differences = SampleDifferences(60);
        var counts = new[] { 1UL, 2UL, 3UL, 4UL, 5UL }
            .Select(seed => PairedRandomizationTest.FromDifferences(differences, seed: seed).ExtremeCount)
            .Distinct()
            .Count();
        Assert.True(counts > 1, "five seeds gave the same extreme count");
    }

    [Fact]
    public void Sampled_p_is_never_zero()
    {
        var differences = Enumerable.Range(0, 50).Select(i => 0.1 + (i % 7 * 0.01)).ToArray();
        var result = PairedRandomizationTest.FromDifferences(differences, permutations: 999);
        Assert.Equal(0, result.ExtremeCount);
        Assert.Equal(1.0 / 1000, result.PValue);
    }

    [Fact]
    public void The_default_threshold_enumerates_twenty_queries_and_samples_twenty_one()
    {
        var atThreshold = PairedRandomizationTest.FromDifferences(SampleDifferences(20));
        Assert.True(atThreshold.IsExact);
        Assert.Equal(1L << 20, atThreshold.Patterns);
        var above = PairedRandomizationTest.FromDifferences(SampleDifferences(21));
        Assert.False(above.IsExact);
        Assert.Equal(PairedRandomizationTest.DefaultPermutations, above.Patterns);
    }

    [Fact]
    public void Zero_differences_and_a_single_pair_give_p_one()
    {
        Assert.Equal(1.0, PairedRandomizationTest.FromDifferences([0.0, 0.0, 0.0]).PValue);
        Assert.Equal(1.0, PairedRandomizationTest.FromDifferences([0.4]).PValue);
        Assert.Equal(1.0, PairedRandomizationTest.FromDifferences(new double[30], exactMaxCount: 0).PValue);
    }

    [Fact]
    public void An_empty_sample_gives_an_undefined_p()
    {
        var result = PairedRandomizationTest.FromDifferences([]);
        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public void The_observed_mean_is_reported()
    {
        var result = PairedRandomizationTest.FromDifferences([0.1, 0.2, 0.6]);
        Assert.Equal(0.3, result.ObservedMeanDifference, 1e-15);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedRandomizationTest.FromDifferences([1.0], permutations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedRandomizationTest.FromDifferences([1.0], exactMaxCount: 41));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedRandomizationTest.FromDifferences([1.0], exactMaxCount: -1));
        Assert.Throws<ArgumentException>(() => PairedRandomizationTest.FromDifferences([1.0, double.NaN]));
    }

    private static double[] SampleDifferences(int n) =>
        Enumerable.Range(0, n).Select(i => Math.Round(Math.Sin(i * 1.7) * 0.2 + 0.03, 4)).ToArray();

    private static long Binomial(int n, int k)
    {
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
