namespace Pipeline.Sharding;

/// <summary>Progress of a sharding run, for a progress line.</summary>
/// <param name="Phase">
/// <c>count</c> (the first pass of <see cref="ShardOptions.Shards"/>), <c>read</c>, <c>check</c> (Parquet input),
/// <c>write</c>, or <c>fallback</c> (the DuckDB fast path gave way to the line-numbered reader, which starts over;
/// <paramref name="Detail"/> says why).
/// </param>
/// <param name="Documents">Documents read (phase <c>read</c>) or written (phase <c>write</c>) so far.</param>
/// <param name="ShardsWritten">Shards complete so far.</param>
/// <param name="Detail">For phase <c>fallback</c>, the reason; otherwise <c>null</c>.</param>
public sealed record ShardProgress(string Phase, long Documents, int ShardsWritten, string? Detail = null);
