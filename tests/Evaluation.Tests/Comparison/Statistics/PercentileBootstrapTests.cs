using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class PercentileBootstrapTests
{
    public static TheoryData<int> PercentileCases => StatsReference.Indices("percentiles");

    [Fact]
    public void Constant_values_give_a_single_point()
    {
        var interval = PercentileBootstrap.OfMean(Enumerable.Repeat(0.1, 25).ToArray());
        Assert.Equal(interval.Lower, interval.Upper);
        Assert.Equal(0.1, interval.Lower, 1e-15);
        Assert.Equal(0.1, interval.Estimate, 1e-15);
    }

    [Fact]
    public void Two_values_span_both_extremes_at_95_percent()
    {
        // Resample means of {0, 1} are 0, ½ and 1 with probabilities ¼, ½, ¼: the 2.5% and 97.5% quantiles are
        // deep inside the runs of 0 and of 1.
        var interval = PercentileBootstrap.OfMean([0.0, 1.0]);
        Assert.Equal(0.0, interval.Lower);
        Assert.Equal(1.0, interval.Upper);
        Assert.Equal(0.5, interval.Estimate);
    }

    [Fact]
    public void Bounds_sit_at_the_quantiles_of_the_exact_bootstrap_distribution()
    {
        // n = 4: all 4⁴ index tuples are equally likely, so the resample mean's distribution is known exactly.
        double[] values = [0.1, 0.35, 0.2, 0.8];
        var means = new List<double>();
        for (var tuple = 0; tuple < 256; tuple++)
        {
            var sum = values[tuple & 3] + values[(tuple >> 2) & 3] + values[(tuple >> 4) & 3] + values[(tuple >> 6) & 3];
            means.Add(sum / 4);
        }
        const int resamples = 20_000;
        var interval = PercentileBootstrap.OfMean(values, 0.95, resamples, seed: 9);
        // Sampling error of an empirical proportion over 20,000 resamples, four standard deviations.
        var slack = 4 * Math.Sqrt(0.025 * 0.975 / resamples);
        const double tiny = 1e-12;
        Assert.InRange(means.Count(m => m < interval.Lower - tiny) / 256.0, 0, 0.025 + slack);
        Assert.InRange(means.Count(m => m <= interval.Lower + tiny) / 256.0, 0.025 - slack, 1);
        Assert.InRange(means.Count(m => m > interval.Upper + tiny) / 256.0, 0, 0.025 + slack);
        Assert.InRange(means.Count(m => m >= interval.Upper - tiny) / 256.0, 0.025 - slack, 1);
    }

    [Fact]
    public void A_large_sample_matches_the_normal_approximation()
    {
        // For n = 400 the bootstrap distribution of the mean is close to normal with standard deviation
        // σ̂ / √n (σ̂ with divisor n): the 95% interval is about mean ± 1.96 σ̂ / √n.
        var values = Enumerable.Range(0, 400).Select(i => Math.Round((Math.Sin(i * 0.37) * 0.3) + ((i % 11) * 0.01), 4)).ToArray();
        var mean = values.Average();
        var sigma = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Sum() / values.Length);
        var halfWidth = 1.959964 * sigma / Math.Sqrt(values.Length);

        var interval = PercentileBootstrap.OfMean(values);
        Assert.InRange((interval.Upper - interval.Lower) / 2, 0.93 * halfWidth, 1.07 * halfWidth);
        Assert.InRange((interval.Upper + interval.Lower) / 2, mean - (0.1 * halfWidth), mean + (0.1 * halfWidth));
        Assert.True(interval.Contains(mean));
    }

    [Fact]
    public void Intervals_cover_the_true_mean_at_about_the_nominal_rate()
    {
        // 300 samples of n = 30 from uniform(−0.4, 0.6), whose mean is 0.1. The percentile bootstrap covers a
        // little under 95% at this n; 300 trials give a binomial standard deviation of about 1.4 points.
        var source = new Xoshiro256StarStar(2024);
        const double trueMean = 0.1;
        var covered = 0;
        const int trials = 300;
        for (var trial = 0; trial < trials; trial++)
        {
            var sample = new double[30];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = ((source.NextUInt64() >> 11) * (1.0 / (1UL << 53))) - 0.4;
            }
            if (PercentileBootstrap.OfMean(sample, resamples: 2000, seed: (ulong)trial).Contains(trueMean))
            {
                covered++;
            }
        }
        Assert.InRange(covered / (double)trials, 0.89, 0.99);
    }

    [Fact]
    public void A_wider_level_contains_a_narrower_one_from_the_same_resamples()
    {
        double[] values = [0.12, -0.05, 0.3, 0.02, 0.0, 0.18, -0.11, 0.07, 0.25, 0.04];
        var narrow = PercentileBootstrap.OfMean(values, 0.5);
        var wide = PercentileBootstrap.OfMean(values, 0.99);
        Assert.True(wide.Lower <= narrow.Lower && narrow.Upper <= wide.Upper, $"{narrow} not inside {wide}");
        Assert.True(narrow.Lower < narrow.Upper);
        Assert.Equal(0.99, wide.Level);
    }

    [Fact]
    public void A_fixed_seed_gives_the_same_interval_and_another_seed_a_different_one()
    {
        double[] values = [0.12, -0.05, 0.3, 0.02, 0.0, 0.18, -0.11, 0.07, 0.25, 0.04, 0.5, -0.3];
        Assert.Equal(PercentileBootstrap.OfMean(values, seed: 5), PercentileBootstrap.OfMean(values, seed: 5));
        Assert.NotEqual(PercentileBootstrap.OfMean(values, seed: 5), PercentileBootstrap.OfMean(values, seed: 6));
    }

    public static TheoryData<int> ProcedureCases => StatsReference.Indices("bootstrap");

    [Theory]
    [MemberData(nameof(ProcedureCases))]
    public void Resampling_reproduces_an_independent_implementation_of_the_documented_procedure(int index)
    {
        // Same generator and bounded draws, same summation order, type-7 quantiles, written in Python.
        var c = StatsReference.Case("bootstrap", index);
        var interval = PercentileBootstrap.OfMean(
            c.Numbers("values"), c.Number("level"), c.GetProperty("resamples").GetInt32(), c.GetProperty("seed").UInt64());
        Assert.Equal(c.Number("lower"), interval.Lower);
        Assert.Equal(c.Number("upper"), interval.Upper);
    }

    [Theory]
    [MemberData(nameof(PercentileCases))]
    public void Quantiles_interpolate_like_numpy_percentile(int index)
    {
        var c = StatsReference.Case("percentiles", index);
        var sorted = c.Numbers("values").Order().ToArray();
        Assert.Equal(c.Number("value"), PercentileBootstrap.Quantile(sorted, c.Number("q")), 1e-15);
    }

    [Fact]
    public void An_empty_sample_has_undefined_bounds()
    {
        var interval = PercentileBootstrap.OfMean([]);
        Assert.True(double.IsNaN(interval.Lower));
        Assert.True(double.IsNaN(interval.Upper));
        Assert.Equal(0.95, interval.Level);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void The_level_must_lie_strictly_between_zero_and_one(double level)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PercentileBootstrap.OfMean([1.0], level));
        Assert.Equal("level", error.ParamName);
    }
}
