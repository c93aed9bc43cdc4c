namespace Pipeline.Core.Jobs;

/// <summary>
/// How the work is cut into tasks. First-stage runs, fusion and metrics never depend on it; cross-encoder scores are
/// batched within a block, so a different block size may change them in the last float bits (the same block size
/// always gives the same bytes, whatever the shard and worker counts).
/// </summary>
/// <param name="QueryBlockSize">Queries per retrieval/rerank task (1–100,000); default 100.</param>
public sealed record ExecutionSpec(int QueryBlockSize = 100);
