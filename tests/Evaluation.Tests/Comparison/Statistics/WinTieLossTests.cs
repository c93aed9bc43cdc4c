using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class WinTieLossTests
{
    [Fact]
    public void Counts_wins_ties_and_losses_per_query()
    {
        double[] run = [0.5, 0.3, 0.7, 0.0, 0.2];
        double[] baseline = [0.4, 0.3, 0.9, 0.0, 0.1];
        Assert.Equal(new WinTieLoss(2, 2, 1), WinTieLoss.Count(run, baseline));
    }

    [Fact]
    public void Differences_within_epsilon_are_ties()
    {
        double[] run = [0.1 + 0.2, 0.5 + 1e-13, 0.5 + 1e-9];
        double[] baseline = [0.3, 0.5, 0.5];
        // 0.1 + 0.2 exceeds 0.3 by one ulp: a tie within the default 1e-12, a win without tolerance.
        Assert.Equal(new WinTieLoss(1, 2, 0), WinTieLoss.Count(run, baseline));
        Assert.Equal(new WinTieLoss(3, 0, 0), WinTieLoss.Count(run, baseline, epsilon: 0));
    }

    [Fact]
    public void Prints_as_slash_separated_counts()
    {
        Assert.Equal("30/5/8", new WinTieLoss(30, 5, 8).ToString());
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => WinTieLoss.Count([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WinTieLoss.Count([1.0], [1.0], -1e-3));
    }
}
