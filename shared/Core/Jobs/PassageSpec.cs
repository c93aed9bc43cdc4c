namespace Pipeline.Core.Jobs;

/// <summary>Passage windows over long documents: each window is scored and the scores aggregated.</summary>
/// <param name="Length">Document tokens per window (at least 16).</param>
/// <param name="Stride">Tokens between window starts (1–<paramref name="Length"/>); default half the length.</param>
/// <param name="Aggregation"><c>max</c> (default), <c>first</c> or <c>sum</c>.</param>
/// <param name="MaxPerDocument">Windows per document at most; default 16.</param>
public sealed record PassageSpec(int Length, int Stride, string Aggregation = "max", int MaxPerDocument = 16);
