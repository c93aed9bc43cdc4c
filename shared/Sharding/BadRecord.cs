namespace Pipeline.Sharding;

/// <summary>A record left out (skip mode) or refused (fail mode).</summary>
/// <param name="LineNumber">1-based line of the input (row number for Parquet input).</param>
/// <param name="Reason">What was wrong.</param>
public sealed record BadRecord(long LineNumber, string Reason);
