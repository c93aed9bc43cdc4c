namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// Percentile bootstrap confidence interval of a mean (Efron): resample the values with replacement, take each
/// resample's mean, and read the interval off the empirical quantiles of those means.
/// </summary>
/// <remarks>
/// Each resample draws n indices uniformly (without modulo bias) from an xoshiro256** generator seeded through
/// SplitMix64, so a seed gives the same interval on every platform. The bounds are the (1 − level) / 2 and
/// (1 + level) / 2 quantiles of the sorted resample means by linear interpolation between order statistics
/// (Hyndman and Fan type 7, NumPy's default): with B sorted means m₀ ≤ … ≤ m_{B−1}, quantile q is
/// m_⌊h⌋ + (h − ⌊h⌋)(m_⌊h⌋₊₁ − m_⌊h⌋) for h = (B − 1) q. Constant values give a single point.
/// </remarks>
public static class PercentileBootstrap
{
    /// <summary>Default number of resamples: 10,000.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>Default confidence level: 0.95.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>Default seed of the resampling generator: 42.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>
    /// The percentile bootstrap interval of the mean of <paramref name="values"/> at <paramref name="level"/>,
    /// from <paramref name="resamples"/> resamples drawn with <paramref name="seed"/>. An empty sample gives NaN
    /// bounds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="level"/> is not strictly between 0 and 1, or <paramref name="resamples"/> is below 1.
    /// </exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static ConfidenceInterval OfMean(
        ReadOnlySpan<double> values,
        double level = DefaultLevel,
        int resamples = DefaultResamples,
        ulong seed = DefaultSeed)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var n = values.Length;
        if (n == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, double.NaN, level);
        }
        var total = 0.0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("Values must be finite numbers.", nameof(values));
            }
            total += v;
        }

        var generator = new Xoshiro256StarStar(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += values[generator.NextInt(n)];
            }
            means[r] = sum / n;
        }
        Array.Sort(means);
        var tail = (1.0 - level) / 2.0;
        return new ConfidenceInterval(total / n, Quantile(means, tail), Quantile(means, 1.0 - tail), level);
    }

    /// <summary>Type 7 quantile of ascending <paramref name="sorted"/> at probability <paramref name="q"/> in [0, 1].</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var index = (int)Math.Floor(position);
        if (index >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        var fraction = position - index;
        var low = sorted[index];
        var high = sorted[index + 1];
        return fraction == 0.0 || low == high ? low : low + (fraction * (high - low));
    }
}
