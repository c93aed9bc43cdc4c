using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Pipeline.Sharding;

/// <summary>
/// The 64-bit hashes of the document ids seen so far, each with the line of the first document that had it: the
/// duplicate-id filter of a streaming sharding run. A hit means "maybe a duplicate" (two ids can share a hash); the
/// caller confirms hits exactly. Open addressing with linear probing, load at most 3/4.
/// </summary>
/// <remarks>
/// Memory: 16 bytes per slot and between 4/3 and 8/3 slots per id, so 21–43 bytes per distinct id: about 2.1 GiB
/// for 50M–100M ids (2^27 slots), 4.3 GiB up to 200M. That is the only part of a run that grows with the corpus;
/// the documents themselves are never held beyond the shard being written.
/// </remarks>
internal sealed class IdHashSet
{
    private ulong[] _hashes = new ulong[1024];
    private long[] _lines = new long[1024];
    private int _count;

    /// <summary>Distinct hashes held.</summary>
    public int Count => _count;

    /// <summary>Adds <paramref name="hash"/> with <paramref name="line"/>; false (and the holder's line) when it was there.</summary>
    public bool TryAdd(ulong hash, long line, out long firstLine)
    {
        if (hash == 0)
        {
            hash = 1; // 0 marks an empty slot; the merge only adds collisions, which are confirmed anyway
        }
        var mask = _hashes.Length - 1;
        var slot = (int)(hash & (ulong)mask);
        while (true)
        {
            var held = _hashes[slot];
            if (held == 0)
            {
                break;
            }
            if (held == hash)
            {
                firstLine = _lines[slot];
                return false;
            }
            slot = (slot + 1) & mask;
        }
        _hashes[slot] = hash;
        _lines[slot] = line;
        firstLine = line;
        if (++_count > _hashes.Length / 4 * 3)
        {
            Grow();
        }
        return true;
    }

    private void Grow()
    {
        var hashes = _hashes;
        var lines = _lines;
        _hashes = new ulong[hashes.Length * 2];
        _lines = new long[hashes.Length * 2];
        var mask = _hashes.Length - 1;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] != 0)
            {
                var slot = (int)(hashes[i] & (ulong)mask);
                while (_hashes[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                _hashes[slot] = hashes[i];
                _lines[slot] = lines[i];
            }
        }
    }

    /// <summary>
    /// The default id hash of the reader path: 64 bits over the id's UTF-16 code units (8 bytes at a time, murmur3's
    /// finaliser as the mixer). Not cryptographic: a crafted corpus can make ids collide, which costs time (every hit is
    /// confirmed, or on the fast path sends the run to the reader) but never correctness.
    /// </summary>
    public static ulong Hash(string id) => HashBytes(MemoryMarshal.AsBytes(id.AsSpan()));

    /// <summary>The same hash over an id's UTF-8 bytes (the DuckDB fast path, which never makes strings of ids).</summary>
    public static ulong HashUtf8(ReadOnlySpan<byte> id) => HashBytes(id);

    private static ulong HashBytes(ReadOnlySpan<byte> bytes)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0x9E3779B97F4A7C15UL;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }
        return Mix(h ^ tail);
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}
