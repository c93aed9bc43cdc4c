namespace Pipeline.Sharding;

/// <summary>What a sharding run produced.</summary>
/// <param name="OutputDirectory">The output directory, now complete.</param>
/// <param name="Manifest">The manifest written as <c>manifest.json</c>.</param>
/// <param name="BadRecords">The first <see cref="ShardOptions.MaxReportedBadRecords"/> records left out, in line order.</param>
public sealed record ShardResult(string OutputDirectory, ShardManifest Manifest, IReadOnlyList<BadRecord> BadRecords)
{
    /// <summary>
    /// Who parsed the input: <see cref="ShardParser.DuckDb"/> (the JSON lines fast path, or Parquet input) or
    /// <see cref="ShardParser.Reader"/>. Not in the manifest: both write the same bytes.
    /// </summary>
    public ShardParser Parser { get; init; } = ShardParser.Reader;

    /// <summary>Why the DuckDB fast path gave way to the reader (<c>line 12: a trailing comma</c>); <c>null</c> when it did not.</summary>
    public string? FallbackReason { get; init; }
}
