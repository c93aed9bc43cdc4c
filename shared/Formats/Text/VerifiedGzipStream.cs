using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Formats.Text;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the content against the gzip trailer, because
/// <see cref="GZipStream"/> alone ends quietly on a truncated file and would hand out a partial content as if it
/// were whole. Damage inside the compressed data is reported by <see cref="GZipStream"/> itself.
/// </summary>
/// <remarks>
/// The trailer's length field (the content length modulo 2^32) must match what was decompressed. When it does not,
/// the file may be several gzip members one after another (the trailer then covers only the last); the last
/// <c>length</c> bytes of content are then decompressed a second time and must match the trailer's CRC-32.
/// Anything else — truncation, bytes appended after the data — throws <see cref="TruncatedGzipException"/>.
/// </remarks>
internal sealed class VerifiedGzipStream : Stream
{
    private const int TrailerSize = 8;
    private const int MinimumFileSize = 18; // 10-byte header, deflate data, 8-byte trailer

    private readonly string _path;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private long _contentLength;
    private bool _verified;

    public VerifiedGzipStream(string path, FileStream file)
    {
        _path = path;
        _file = file;
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _gzip.Read(buffer);
        if (read > 0)
        {
            _contentLength += read;
        }
        else if (buffer.Length > 0 && !_verified)
        {
            Verify();
            _verified = true;
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Verify()
    {
        var fileLength = RandomAccess.GetLength(_file.SafeFileHandle);
        if (fileLength < MinimumFileSize)
        {
            throw new TruncatedGzipException();
        }
        Span<byte> trailer = stackalloc byte[TrailerSize];
        RandomAccess.Read(_file.SafeFileHandle, trailer, fileLength - TrailerSize);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var lastMemberLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if ((uint)_contentLength == lastMemberLength)
        {
            return;
        }
        if (lastMemberLength > _contentLength || Crc32OfContentFrom(_contentLength - lastMemberLength) != crc)
        {
            throw new TruncatedGzipException();
        }
    }

    private uint Crc32OfContentFrom(long start)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        var position = 0L;
        var crc = Crc32.Initial;
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            var skip = (int)Math.Clamp(start - position, 0, read);
            crc = Crc32.Update(crc, buffer.AsSpan(skip, read - skip));
            position += read;
        }
        return Crc32.Finish(crc);
    }

    /// <summary>CRC-32 as gzip defines it (reflected polynomial 0xEDB88320), a byte at a time.</summary>
    private static class Crc32
    {
        public const uint Initial = 0xFFFFFFFFu;

        private static readonly uint[] Table = BuildTable();

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }
            return crc;
        }

        public static uint Finish(uint crc) => ~crc;

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (var n = 0u; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
