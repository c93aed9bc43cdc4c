namespace Pipeline.Core.Jobs;

/// <summary>How the work is cut into tasks. Results never depend on it.</summary>
/// <param name="QueryBlockSize">Queries per retrieval/rerank task (1–100,000); default 100.</param>
public sealed record ExecutionSpec(int QueryBlockSize = 100);
