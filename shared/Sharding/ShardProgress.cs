namespace Pipeline.Sharding;

/// <summary>Progress of a sharding run, for a progress line.</summary>
/// <param name="Phase"><c>count</c> (the first pass of <see cref="ShardOptions.Shards"/>), <c>read</c>, <c>check</c> (Parquet input) or <c>write</c>.</param>
/// <param name="Documents">Documents read (phase <c>read</c>) or written (phase <c>write</c>) so far.</param>
/// <param name="ShardsWritten">Shards complete so far.</param>
public sealed record ShardProgress(string Phase, long Documents, int ShardsWritten);
