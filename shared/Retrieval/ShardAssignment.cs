using System.Text;

namespace Pipeline.Retrieval;

/// <summary>
/// Which shard a document belongs to: the 32-bit FNV-1a hash of its id's UTF-8 bytes, modulo the shard count. Stable
/// across processes, platforms and versions (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class ShardAssignment
{
    /// <summary>The shard, in [0, <paramref name="shardCount"/>), of <paramref name="docId"/>.</summary>
    public static int ShardOf(string docId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(docId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(docId) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(docId, buffer)] : Encoding.UTF8.GetBytes(docId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)shardCount);
    }
}
