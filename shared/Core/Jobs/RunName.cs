namespace Pipeline.Core.Jobs;

/// <summary>The names of the runs a job writes (<c>runs/{name}.trec</c>).</summary>
public static class RunName
{
    /// <summary>BM25 first stage.</summary>
    public const string Bm25 = "bm25";

    /// <summary>Dense first stage.</summary>
    public const string Dense = "dense";

    /// <summary>Fusion of BM25 and dense.</summary>
    public const string Fusion = "fusion";

    /// <summary>The cross-encoder's scores of the top candidates.</summary>
    public const string Rerank = "rerank";

    /// <summary>The first-stage run reranked at <paramref name="depth"/> (<c>rerank@20</c>).</summary>
    public static string RerankAt(int depth) => FormattableString.Invariant($"rerank@{depth}");
}
