namespace Pipeline.Sharding;

/// <summary>One shard in the manifest.</summary>
/// <param name="File">The file name (<c>shard-00000.parquet</c>), relative to the output directory.</param>
/// <param name="Documents">Documents in the shard.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex.</param>
public sealed record ShardFile(string File, long Documents, long Bytes, string Sha256);
