namespace Pipeline.Evaluation.Depth;

/// <summary>
/// The evaluations of a <see cref="RerankDepthSweep"/>: the first-stage run as it is (the flat baseline of a depth
/// chart) and the run reranked at each depth.
/// </summary>
public sealed class RerankDepthSweepResult
{
    private readonly int[] _depths;
    private readonly EvaluationResult[] _atDepths;

    internal RerankDepthSweepResult(int[] depths, EvaluationResult firstStage, EvaluationResult[] atDepths)
    {
        _depths = depths;
        FirstStage = firstStage;
        _atDepths = atDepths;
    }

    /// <summary>The depths, in the order they were given.</summary>
    public IReadOnlyList<int> Depths => _depths;

    /// <summary>The first-stage run's evaluation.</summary>
    public EvaluationResult FirstStage { get; }

    /// <summary>The evaluation of the run reranked at each depth, aligned with <see cref="Depths"/>.</summary>
    public IReadOnlyList<EvaluationResult> AtDepths => _atDepths;

    /// <summary>The numeric values evaluated, by trec_eval name, in print order.</summary>
    public IReadOnlyList<string> MeasureNames => FirstStage.MeasureNames;

    /// <summary>The summary value of <paramref name="measureName"/> at each depth, aligned with <see cref="Depths"/>.</summary>
    /// <exception cref="KeyNotFoundException">The measure was not evaluated.</exception>
    public IReadOnlyList<double> Summaries(string measureName)
    {
        var values = new double[_atDepths.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _atDepths[i].Summary(measureName);
        }
        return values;
    }

    /// <summary>The first-stage run's summary value of <paramref name="measureName"/>.</summary>
    /// <exception cref="KeyNotFoundException">The measure was not evaluated.</exception>
    public double FirstStageSummary(string measureName) => FirstStage.Summary(measureName);
}
