namespace Pipeline.Core.Tasks;

/// <summary>
/// The stages of a job, in order. Each has a function name (PascalCase verb-noun) and a queue (its kebab-case twin):
/// <see cref="StageNames"/>.
/// </summary>
public enum Stage
{
    /// <summary>Checks the inputs, writes the normalized queries and qrels and the plan. One task per job.</summary>
    Prepare,

    /// <summary>Splits the corpus into Parquet shards. One task per job.</summary>
    Split,

    /// <summary>Builds one shard's BM25 index and/or embeddings. One task per shard.</summary>
    Index,

    /// <summary>Merges the shards' BM25 statistics into global statistics. One task per job.</summary>
    MergeStatistics,

    /// <summary>Retrieves one query block from one shard. One task per (shard, block).</summary>
    Retrieve,

    /// <summary>Merges a block's per-shard lists into global top-k, fuses, and gathers the texts to rerank. One task per block.</summary>
    Merge,

    /// <summary>Reranks one block's candidates with the cross-encoder. One task per block.</summary>
    Rerank,

    /// <summary>Assembles the runs, evaluates, tests, reports and writes the manifest. One task per job.</summary>
    Aggregate,
}
