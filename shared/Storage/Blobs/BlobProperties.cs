namespace Pipeline.Storage.Blobs;

/// <summary>What a store knows about a blob without reading it.</summary>
/// <param name="Name">The blob's name within its container.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="ETag">Its current version, as used with <see cref="BlobWriteCondition.IfMatches"/>.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record BlobProperties(string Name, long Length, string ETag, DateTimeOffset LastModified);
