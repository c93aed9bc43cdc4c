namespace Pipeline.Sharding;

/// <summary>What a sharding run produced.</summary>
/// <param name="OutputDirectory">The output directory, now complete.</param>
/// <param name="Manifest">The manifest written as <c>manifest.json</c>.</param>
/// <param name="BadRecords">The first <see cref="ShardOptions.MaxReportedBadRecords"/> records left out, in line order.</param>
public sealed record ShardResult(string OutputDirectory, ShardManifest Manifest, IReadOnlyList<BadRecord> BadRecords);
