using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class HolmBonferroniTests
{
    [Fact]
    public void Adjusts_a_hand_worked_example()
    {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to the running maximum 0.06.
        var adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal(new[] { 0.03, 0.06, 0.06, 0.02 }, adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Caps_adjusted_values_at_one()
    {
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, HolmBonferroni.Adjust([0.5, 0.6, 0.4]));
    }

    [Fact]
    public void Tied_p_values_get_the_same_adjustment()
    {
        Assert.Equal(new[] { 0.06, 0.06, 0.06 }, HolmBonferroni.Adjust([0.02, 0.02, 0.02]).Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Undefined_p_values_stay_undefined_and_leave_the_family()
    {
        var adjusted = HolmBonferroni.Adjust([0.01, double.NaN, 0.02]);
        Assert.Equal(0.02, adjusted[0], 1e-15);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.02, adjusted[2], 1e-15);
    }

    [Fact]
    public void A_single_p_value_and_an_empty_family_are_unchanged()
    {
        Assert.Equal(new[] { 0.037 }, HolmBonferroni.Adjust([0.037]));
        Assert.Empty(HolmBonferroni.Adjust([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rejections_below_alpha_match_the_step_down_procedure(int seed)
    {
        // Holm's procedure at α: walk the sorted p-values, reject while p₍ₖ₎ ≤ α / (m − k + 1), stop at the first
        // that is not. The adjusted p-values reject exactly the same hypotheses (adjusted ≤ α).
        var random = new Random(seed);
        var p = Enumerable.Range(0, 12).Select(_ => Math.Pow(random.NextDouble(), 3)).ToArray();
        var adjusted = HolmBonferroni.Adjust(p);
        foreach (var alpha in new[] { 0.01, 0.05, 0.1, 0.2 })
        {
            var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
            var rejected = new bool[p.Length];
            for (var k = 0; k < order.Length && p[order[k]] <= alpha / (p.Length - k); k++)
            {
                rejected[order[k]] = true;
            }
            Assert.Equal(rejected, adjusted.Select(a => a <= alpha).ToArray());
        }
        Assert.All(Enumerable.Range(0, p.Length), i => Assert.InRange(adjusted[i], p[i], 1.0));
    }

    [Fact]
    public void Adjusted_values_keep_the_order_of_the_raw_ones()
    {
        double[] p = [0.2, 0.001, 0.04, 0.03, 0.5, 0.0105, 0.01];
        var adjusted = HolmBonferroni.Adjust(p);
        var byRaw = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).Select(i => adjusted[i]).ToArray();
        Assert.Equal(byRaw.Order().ToArray(), byRaw);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void P_values_outside_the_unit_interval_are_rejected(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HolmBonferroni.Adjust([0.1, p]));
    }
}
