namespace Pipeline.Core.Jobs;

/// <summary>First-stage retrieval: BM25, dense, or both (then optionally fused).</summary>
/// <param name="Bm25">BM25 with global statistics; null for none.</param>
/// <param name="Dense">Dense retrieval with a bi-encoder; null for none.</param>
/// <param name="Fusion">Fusion of the BM25 and dense runs; needs both; null for none.</param>
public sealed record FirstStageSpec(Bm25Spec? Bm25 = null, DenseSpec? Dense = null, FusionSpec? Fusion = null)
{
    /// <summary>The names of the first-stage runs this spec produces, in report order: <c>bm25</c>, <c>dense</c>, <c>fusion</c>.</summary>
    public IReadOnlyList<string> RunNames =>
        [.. new[] { Bm25 is null ? null : RunName.Bm25, Dense is null ? null : RunName.Dense, Fusion is null ? null : RunName.Fusion }.OfType<string>()];
}
