namespace Pipeline.Core.Jobs;

/// <summary>BM25 (Lucene's formula) over the shards with global statistics.</summary>
/// <param name="K">Documents retrieved per query (1–10,000); default 1,000.</param>
/// <param name="K1">Term-frequency saturation; default 0.9 (Anserini's).</param>
/// <param name="B">Length normalization (0–1); default 0.4.</param>
/// <param name="Analyzer"><c>english</c> (Lucene EnglishAnalyzer) or <c>plain</c>; default <c>english</c>.</param>
/// <param name="Fields">Fields indexed: <c>title</c>, <c>text</c> or both; default both.</param>
public sealed record Bm25Spec(int K = 1000, double K1 = 0.9, double B = 0.4, string Analyzer = "english", IReadOnlyList<string>? Fields = null)
{
    /// <summary>The fields indexed (default <c>title</c>, <c>text</c>).</summary>
    public IReadOnlyList<string> Fields { get; init; } = Fields ?? ["title", "text"];

    /// <inheritdoc/>
    public bool Equals(Bm25Spec? other) =>
        other is not null && K == other.K && K1.Equals(other.K1) && B.Equals(other.B) && Analyzer == other.Analyzer
        && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(K, K1, B, Analyzer, Fields.Count);
}
