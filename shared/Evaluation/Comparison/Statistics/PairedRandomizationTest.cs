namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// The paired randomization test (Fisher's sign-flip permutation test) on the mean of per-query differences,
/// two-sided. Under the null hypothesis the run labels within a query are exchangeable, so each difference is as
/// likely to have the opposite sign; the p-value is the share of sign patterns whose |mean| is at least the
/// observed |mean|.
/// </summary>
/// <remarks>
/// <para>
/// <b>Exact</b> when n ≤ the exact threshold (default <see cref="DefaultExactMaxCount"/>): all 2ⁿ patterns,
/// identity included, are counted and p = count / 2ⁿ, so p ≥ 2 / 2ⁿ for any non-empty sample (a pattern and its
/// mirror image always tie). The enumeration meets in the middle: the 2^⌊n/2⌋ signed sums of one half are
/// matched against the sorted 2^⌈n/2⌉ sums of the other half by binary search, so n = 40 takes about a second
/// and the threshold may be raised up to <see cref="MaxExactCount"/>.
/// </para>
/// <para>
/// <b>Sampled</b> above the threshold: each of the <c>permutations</c> draws flips difference i when bit i mod 64
/// of the generator's next word (one new 64-bit word per 64 differences) is 0; p = (count + 1) / (draws + 1), the
/// observed pattern counted once as its own draw, so p is never 0. The generator is xoshiro256** seeded through
/// SplitMix64, so a seed gives the same p on every platform.
/// </para>
/// <para>
/// Comparisons are made on sums, which order patterns exactly as means do. A pattern counts as extreme when
/// |sum*| ≥ |observed sum| − τ with τ = <see cref="RelativeTieTolerance"/> · Σ|dᵢ|: rounding in a sum of
/// n terms is at most about n · 1.1e-16 · Σ|dᵢ|, so τ absorbs it for up to a million queries, and the
/// identity pattern (and every exact tie) is always counted.
/// </para>
/// </remarks>
public static class PairedRandomizationTest
{
    /// <summary>Default number of sampled sign patterns: 10,000.</summary>
    public const int DefaultPermutations = 10_000;

    /// <summary>Default largest n enumerated exactly (2²⁰ ≈ 1.05 million patterns): 20.</summary>
    public const int DefaultExactMaxCount = 20;

    /// <summary>Largest allowed exact threshold: 40 (two tables of 2²⁰ sums, about 16 MB).</summary>
    public const int MaxExactCount = 40;

    /// <summary>Default seed of the pattern generator: 42.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>Tie tolerance relative to Σ|dᵢ|: 1e-10.</summary>
    public const double RelativeTieTolerance = 1e-10;

    /// <summary>
    /// Tests whether the mean of <paramref name="differences"/> is 0: exactly when
    /// n ≤ <paramref name="exactMaxCount"/>, otherwise with <paramref name="permutations"/> random sign patterns from
    /// <paramref name="seed"/>. Returns a NaN p-value for an empty sample.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="permutations"/> is below 1 or <paramref name="exactMaxCount"/> outside [0, <see cref="MaxExactCount"/>].
    /// </exception>
    /// <exception cref="ArgumentException">A difference is NaN or infinite.</exception>
    public static RandomizationTestResult FromDifferences(
        ReadOnlySpan<double> differences,
        int permutations = DefaultPermutations,
        ulong seed = DefaultSeed,
        int exactMaxCount = DefaultExactMaxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exactMaxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exactMaxCount, MaxExactCount);
        var n = differences.Length;
        if (n == 0)
        {
            return new RandomizationTestResult(0, double.NaN, double.NaN, IsExact: true, Patterns: 0, ExtremeCount: 0);
        }

        var observedSum = 0.0;
        var absoluteSum = 0.0;
        foreach (var d in differences)
        {
            if (!double.IsFinite(d))
            {
                throw new ArgumentException("Differences must be finite numbers.", nameof(differences));
            }
            observedSum += d;
            absoluteSum += Math.Abs(d);
        }
        var threshold = Math.Abs(observedSum) - (RelativeTieTolerance * absoluteSum);
        var observedMean = observedSum / n;

        if (n <= exactMaxCount)
        {
            var total = 1L << n;
            var extreme = CountExtremeExactly(differences, threshold);
            return new RandomizationTestResult(n, observedMean, (double)extreme / total, IsExact: true, total, extreme);
        }

        var generator = new Xoshiro256StarStar(seed);
        var sampledExtreme = 0L;
        for (var draw = 0; draw < permutations; draw++)
        {
            var sum = 0.0;
            var bits = 0UL;
            for (var i = 0; i < n; i++)
            {
                if ((i & 63) == 0)
                {
                    bits = generator.NextUInt64();
                }
                sum += (bits & 1UL) != 0 ? differences[i] : -differences[i];
                bits >>= 1;
            }
            if (Math.Abs(sum) >= threshold)
            {
                sampledExtreme++;
            }
        }
        return new RandomizationTestResult(
            n, observedMean, (sampledExtreme + 1.0) / (permutations + 1.0), IsExact: false, permutations, sampledExtreme);
    }

    /// <summary>Counts the sign patterns with |sum| ≥ <paramref name="threshold"/> among all 2ⁿ.</summary>
    private static long CountExtremeExactly(ReadOnlySpan<double> differences, double threshold)
    {
        var n = differences.Length;
        if (threshold <= 0)
        {
            return 1L << n;
        }
        var half = n / 2;
        var left = SignedSums(differences[..half]);
        var right = SignedSums(differences[half..]);
        Array.Sort(right);

        // |l + r| ≥ θ (θ > 0) splits into the disjoint cases r ≥ θ − l and r ≤ −θ − l.
        var count = 0L;
        foreach (var l in left)
        {
            count += right.Length - FirstIndexAtLeast(right, threshold - l);
            count += FirstIndexAbove(right, -threshold - l);
        }
        return count;
    }

    /// <summary>All 2^m sums ±v₀ ± v₁ … ± v_{m−1}, each accumulated left to right.</summary>
    private static double[] SignedSums(ReadOnlySpan<double> values)
    {
        var sums = new double[1 << values.Length];
        var filled = 1;
        foreach (var v in values)
        {
            for (var j = 0; j < filled; j++)
            {
                var prefix = sums[j];
                sums[j] = prefix + v;
                sums[j + filled] = prefix - v;
            }
            filled *= 2;
        }
        return sums;
    }

    /// <summary>Index of the first element ≥ <paramref name="value"/> in ascending <paramref name="sorted"/>.</summary>
    private static int FirstIndexAtLeast(double[] sorted, double value)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>Index of the first element &gt; <paramref name="value"/> in ascending <paramref name="sorted"/>.</summary>
    private static int FirstIndexAbove(double[] sorted, double value)
    {
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
