using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Retrieval.Storage;

/// <summary>
/// The envelope shared by index files: 8-byte magic, format version (uint32 LE), body, SHA-256 of everything before
/// it (32 bytes). Integers in bodies are LEB128 varints; strings are a varint byte length and UTF-8.
/// </summary>
internal static class BinaryFile
{
    public const int Version = 1;

    public static void Write(string path, ReadOnlySpan<byte> magic, Action<ArrayBufferWriter<byte>> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        buffer.Write(magic);
        WriteUInt32(buffer, Version);
        body(buffer);
        var hash = SHA256.HashData(buffer.WrittenSpan);
        buffer.Write(hash);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, buffer.WrittenSpan.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and verifies a file; returns its body.</summary>
    public static byte[] ReadBody(string path, ReadOnlySpan<byte> magic, string what, out int bodyStart, out int bodyEnd)
    {
        if (!File.Exists(path))
        {
            throw new IndexFormatException(path, $"{what} not found");
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < magic.Length + 4 || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new IndexFormatException(path, $"not a {what} (wrong magic bytes)");
        }
        var version = BitConverter.ToUInt32(bytes, magic.Length);
        if (version != Version)
        {
            throw new IndexFormatException(path, $"{what} format version {version} is not supported (this build reads version {Version}); rebuild the index");
        }
        if (bytes.Length < magic.Length + 4 + 32)
        {
            throw new IndexFormatException(path, $"{what} is truncated");
        }
        var content = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw new IndexFormatException(path, $"{what} is corrupt (SHA-256 checksum mismatch)");
        }
        bodyStart = magic.Length + 4;
        bodyEnd = bytes.Length - 32;
        return bytes;
    }

    public static void WriteUInt32(ArrayBufferWriter<byte> buffer, uint value)
    {
        BitConverter.TryWriteBytes(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public static void WriteVarint(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        buffer.Advance(n);
    }

    public static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint(buffer, (ulong)count);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    /// <summary>A forward reader over a verified body; a read past the end is a format error.</summary>
    public sealed class Reader(string path, byte[] bytes, int start, int end)
    {
        private int _position = start;

        public bool AtEnd => _position == end;

        /// <summary>The offset of the next byte to read.</summary>
        public int Position => _position;

        /// <summary>Skips a length-prefixed string without decoding it.</summary>
        public void SkipString()
        {
            var length = Int32("string length");
            if (length > end - _position)
            {
                throw new IndexFormatException(path, $"unexpected end of data at byte {_position}");
            }
            _position += length;
        }

        /// <summary>Skips <paramref name="count"/> varints without decoding them (each ends at a byte below 0x80).</summary>
        public void SkipVarints(long count)
        {
            for (var i = 0L; i < count; i++)
            {
                var next = bytes.AsSpan(_position, end - _position).IndexOfAnyInRange((byte)0, (byte)0x7F);
                if (next < 0)
                {
                    throw new IndexFormatException(path, $"unexpected end of data at byte {end}");
                }
                _position += next + 1;
            }
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= end)
                {
                    throw new IndexFormatException(path, $"unexpected end of data at byte {_position}");
                }
                var b = bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw new IndexFormatException(path, $"malformed varint at byte {_position}");
        }

        public int Int32(string what)
        {
            var value = Varint();
            return value <= int.MaxValue ? (int)value : throw new IndexFormatException(path, $"{what} out of range at byte {_position}");
        }

        public string String()
        {
            var length = Int32("string length");
            if (length > end - _position)
            {
                throw new IndexFormatException(path, $"unexpected end of data at byte {_position}");
            }
            var value = Encoding.UTF8.GetString(bytes, _position, length);
            _position += length;
            return value;
        }
    }
}
