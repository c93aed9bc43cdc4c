namespace Pipeline.Core.Jobs;

/// <summary>
/// How the corpus is split: into <see cref="Shards"/> shards of consecutive documents, or into shards of
/// <see cref="ShardDocs"/> documents. Exactly one is set after validation (default 100,000 documents per shard).
/// Results do not depend on the split: BM25 is scored with global statistics and dense scores are per document.
/// </summary>
/// <param name="Shards">The number of shards (1–4,096), or null.</param>
/// <param name="ShardDocs">Documents per shard (at least 1), or null.</param>
public sealed record ShardingSpec(int? Shards = null, long? ShardDocs = null);
