using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Reporting.Tests.Browser;

/// <summary>
/// A minimal PNG decoder for screenshots: 8-bit truecolour (RGB) or truecolour with alpha (RGBA), not interlaced.
/// It checks the signature and every chunk's CRC, concatenates the IDAT chunks, inflates them with
/// <see cref="ZLibStream"/> and reverses the five scanline filters. Anything else throws
/// <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 4;
            return (_rgba[offset], _rgba[offset + 1], _rgba[offset + 2], _rgba[offset + 3]);
        }
    }

    /// <summary>All pixels row by row, as (R, G, B) packed into 0xRRGGBB.</summary>
    public IEnumerable<int> RgbPixels()
    {
        for (var offset = 0; offset < _rgba.Length; offset += 4)
        {
            yield return (_rgba[offset] << 16) | (_rgba[offset + 1] << 8) | _rgba[offset + 2];
        }
    }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file: the signature does not match");
        }
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        var position = Signature.Length;
        var sawHeader = false;
        var sawEnd = false;
        while (!sawEnd)
        {
            if (position + 12 > file.Length)
            {
                throw new InvalidDataException($"truncated chunk at byte {position}");
            }
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            if (length < 0 || position + 12L + length > file.Length)
            {
                throw new InvalidDataException($"chunk at byte {position} runs past the end of the file");
            }
            var typeAndData = file.AsSpan(position + 4, 4 + length);
            var type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position + 8 + length));
            if (Crc32(typeAndData) != storedCrc)
            {
                throw new InvalidDataException($"CRC mismatch in {type} chunk at byte {position}");
            }
            switch (type)
            {
                case "IHDR":
                    if (data.Length != 13)
                    {
                        throw new InvalidDataException($"IHDR holds {data.Length} bytes; 13 expected");
                    }
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (bitDepth, colourType, interlace) = (data[8], data[9], data[12]);
                    channels = colourType switch
                    {
                        2 => 3,
                        6 => 4,
                        _ => throw new InvalidDataException($"colour type {colourType} is not supported (only 2 = RGB and 6 = RGBA)"),
                    };
                    if (bitDepth != 8)
                    {
                        throw new InvalidDataException($"bit depth {bitDepth} is not supported (only 8)");
                    }
                    if (interlace != 0)
                    {
                        throw new InvalidDataException("interlaced images are not supported");
                    }
                    sawHeader = true;
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            position += 12 + length;
        }
        if (!sawHeader)
        {
            throw new InvalidDataException("no IHDR chunk");
        }
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, Unfilter(raw.GetBuffer().AsSpan(0, (int)raw.Length), width, height, channels));
    }

    private static byte[] Unfilter(ReadOnlySpan<byte> raw, int width, int height, int channels)
    {
        var stride = width * channels;
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"image data holds {raw.Length} bytes; {height * (stride + 1)} expected");
        }
        var current = new byte[stride];
        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var line = raw.Slice(y * (stride + 1), stride + 1);
            var filter = line[0];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown filter type {filter} in row {y}"),
                };
                current[i] = (byte)(line[1 + i] + predictor);
            }
            for (var x = 0; x < width; x++)
            {
                var target = ((y * width) + x) * 4;
                rgba[target] = current[x * channels];
                rgba[target + 1] = current[(x * channels) + 1];
                rgba[target + 2] = current[(x * channels) + 2];
                rgba[target + 3] = channels == 4 ? current[(x * channels) + 3] : (byte)255;
            }
            (previous, current) = (current, previous);
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
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
