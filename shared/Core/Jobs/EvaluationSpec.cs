namespace Pipeline.Core.Jobs;

/// <summary>How runs are evaluated (needs qrels).</summary>
/// <param name="Measures">
/// trec_eval measures (<c>ndcg_cut.10</c>, <c>map</c>, <c>recall.100</c>, <c>P.5,10</c>...), each optionally cut with
/// <c>@N</c> (trec_eval <c>-M N</c> for that measure: <c>recip_rank@10</c> is MRR@10). Default
/// <c>ndcg_cut.10</c>, <c>recip_rank@10</c>, <c>recall.100</c>, <c>map</c>.
/// </param>
/// <param name="RelevanceLevel">Minimum grade that counts as relevant (trec_eval <c>-l</c>); default 1.</param>
/// <param name="DepthSweep">Rerank depths evaluated by cutting the one rescoring (each at most the rerank depth); empty for none.</param>
/// <param name="Baseline">The run the others are tested against; default the reranked first-stage run, else the first run.</param>
/// <param name="Significance">The paired test.</param>
public sealed record EvaluationSpec(IReadOnlyList<string>? Measures = null, int RelevanceLevel = 1, IReadOnlyList<int>? DepthSweep = null,
    string? Baseline = null, SignificanceSpec? Significance = null)
{
    /// <summary>The default measures.</summary>
    public static IReadOnlyList<string> DefaultMeasures { get; } = ["ndcg_cut.10", "recip_rank@10", "recall.100", "map"];

    /// <summary>The measures (default <see cref="DefaultMeasures"/>).</summary>
    public IReadOnlyList<string> Measures { get; init; } = Measures ?? DefaultMeasures;

    /// <summary>The rerank depths of the sweep, ascending (default none).</summary>
    public IReadOnlyList<int> DepthSweep { get; init; } = DepthSweep ?? [];

    /// <summary>The significance test settings.</summary>
    public SignificanceSpec Significance { get; init; } = Significance ?? new();

    /// <inheritdoc/>
    public bool Equals(EvaluationSpec? other) =>
        other is not null && Measures.SequenceEqual(other.Measures) && RelevanceLevel == other.RelevanceLevel
        && DepthSweep.SequenceEqual(other.DepthSweep) && Baseline == other.Baseline && Significance == other.Significance;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Measures.Count, RelevanceLevel, DepthSweep.Count, Baseline, Significance);
}
