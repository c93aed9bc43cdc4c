namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// Per-query wins, ties and losses of a run against a baseline: a win where the run's value exceeds the
/// baseline's by more than ε, a loss where it falls short by more than ε, a tie where |run − baseline| ≤ ε
/// (exact equality when ε = 0).
/// </summary>
/// <param name="Wins">Queries where the run is better.</param>
/// <param name="Ties">Queries where the two agree within ε.</param>
/// <param name="Losses">Queries where the run is worse.</param>
public sealed record WinTieLoss(int Wins, int Ties, int Losses)
{
    /// <summary>Default tie tolerance ε: 1e-12, well below any reported precision of an IR measure.</summary>
    public const double DefaultEpsilon = 1e-12;

    /// <summary>Counts outcomes of <paramref name="run"/> against <paramref name="baseline"/>, pair by pair.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
    public static WinTieLoss Count(ReadOnlySpan<double> run, ReadOnlySpan<double> baseline, double epsilon = DefaultEpsilon)
    {
        if (run.Length != baseline.Length)
        {
            throw new ArgumentException(
                $"Paired samples differ in length ({run.Length} and {baseline.Length}).", nameof(baseline));
        }
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The tie tolerance must be a finite number ≥ 0.");
        }
        int wins = 0, ties = 0, losses = 0;
        for (var i = 0; i < run.Length; i++)
        {
            var difference = run[i] - baseline[i];
            if (difference > epsilon)
            {
                wins++;
            }
            else if (difference < -epsilon)
            {
                losses++;
            }
            else
            {
                ties++;
            }
        }
        return new WinTieLoss(wins, ties, losses);
    }

    /// <summary>"W/T/L", for example <c>30/5/8</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Wins}/{Ties}/{Losses}");
}
