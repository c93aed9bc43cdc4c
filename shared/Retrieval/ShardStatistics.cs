namespace Pipeline.Retrieval;

/// <summary>
/// What one shard contributes to the global BM25 statistics.
/// </summary>
/// <param name="DocCount">Documents with at least one term (Lucene's <c>docCount</c>; empty documents match nothing).</param>
/// <param name="TotalLength">The sum of document lengths (Lucene's <c>sumTotalTermFreq</c>).</param>
/// <param name="DocFrequencies">Term → number of this shard's documents that contain it.</param>
public sealed record ShardStatistics(long DocCount, long TotalLength, IReadOnlyDictionary<string, int> DocFrequencies);
