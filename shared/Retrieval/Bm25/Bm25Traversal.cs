namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// How a shard searcher walks the postings of a query. Every traversal returns the same top k, to the last bit of
/// every score; they differ only in speed (see <see cref="ShardSearcher"/>).
/// </summary>
public enum Bm25Traversal
{
    /// <summary>Per query, the one expected to be cheaper.</summary>
    Auto,

    /// <summary>Document at a time with MaxScore pruning.</summary>
    MaxScore,

    /// <summary>Term at a time into a score per document, then a top-k selection.</summary>
    Accumulate,
}
