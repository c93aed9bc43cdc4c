namespace Pipeline.Evaluation.Measures;

/// <summary>One printed value of a measure, e.g. <c>P_10</c> of <c>P</c>.</summary>
/// <param name="Name">The name trec_eval prints.</param>
/// <param name="Kind">How the value is printed.</param>
/// <param name="PerQuery">Whether trec_eval prints it for each query under <c>-q</c>.</param>
/// <param name="InSummary">Whether trec_eval prints it in the summary (<c>all</c>).</param>
/// <param name="Averaging">How the summary value is formed.</param>
internal sealed record ValueSlot(string Name, ValueKind Kind, bool PerQuery, bool InSummary, Averaging Averaging)
{
    /// <summary>A value printed per query and averaged into the summary.</summary>
    public static ValueSlot Mean(string name) => new(name, ValueKind.Double, true, true, Averaging.Mean);
}
