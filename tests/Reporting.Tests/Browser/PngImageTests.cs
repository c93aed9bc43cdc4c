using System.Buffers.Binary;
using System.IO.Compression;

namespace Pipeline.Reporting.Tests.Browser;

public class PngImageTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Decoder_restores_every_pixel_whatever_filter_each_row_uses(int channels)
    {
        const int width = 7;
        const int height = 10;
        var pixels = new byte[width * height * channels];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + (i / 11 * 91) + 5);
        }
        // Rows cycle through filters None, Sub, Up, Average, Paeth (twice).
        var png = Encode(width, height, channels, pixels, row => (byte)(row % 5), idatChunks: 3);

        var image = PngImage.Decode(png);

        Assert.Equal((width, height), (image.Width, image.Height));
        var expected = new List<(byte, byte, byte, byte)>();
        var actual = new List<(byte, byte, byte, byte)>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * channels;
                expected.Add((pixels[o], pixels[o + 1], pixels[o + 2], channels == 4 ? pixels[o + 3] : (byte)255));
                actual.Add(image[x, y]);
            }
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Decoder_rejects_a_chunk_whose_crc_does_not_match()
    {
        var png = Encode(2, 2, 3, new byte[12], _ => 0, idatChunks: 1);
        png[^13] ^= 0x01; // last byte of the IDAT CRC (IEND is the final 12 bytes)

        var error = Assert.Throws<InvalidDataException>(() => PngImage.Decode(png));

        Assert.StartsWith("CRC mismatch in IDAT chunk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoder_rejects_a_file_without_the_png_signature()
    {
        var error = Assert.Throws<InvalidDataException>(() => PngImage.Decode("GIF89a.........."u8.ToArray()));

        Assert.Equal("not a PNG file: the signature does not match", error.Message);
    }

    [Fact]
    public void Decoder_rejects_sixteen_bit_images()
    {
        var png = Encode(1, 1, 3, new byte[3], _ => 0, idatChunks: 1, bitDepth: 16);

        var error = Assert.Throws<InvalidDataException>(() => PngImage.Decode(png));

        Assert.Equal("bit depth 16 is not supported (only 8)", error.Message);
    }

    [Fact]
    public void Crc_of_the_iend_chunk_type_is_the_well_known_value()
    {
        Assert.Equal(0xAE426082u, PngImage.Crc32("IEND"u8));
    }

    /// <summary>A PNG encoder for the tests: filters each row as told, splits the compressed data over several IDAT chunks.</summary>
    private static byte[] Encode(
        int width, int height, int channels, byte[] pixels, Func<int, byte> filterForRow, int idatChunks, byte bitDepth = 8)
    {
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            var filter = filterForRow(y);
            raw[y * (stride + 1)] = filter;
            for (var i = 0; i < stride; i++)
            {
                int Sample(int row, int column) => row < 0 || column < 0 ? 0 : pixels[(row * stride) + column];
                int left = Sample(y, i - channels), up = Sample(y - 1, i), upLeft = Sample(y - 1, i - channels);
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    _ => Paeth(left, up, upLeft),
                };
                raw[(y * (stride + 1)) + 1 + i] = (byte)(pixels[(y * stride) + i] - predictor);
            }
        }
        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(raw);
        }
        var data = compressed.ToArray();

        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = channels == 4 ? (byte)6 : (byte)2;
        WriteChunk(file, "IHDR", header);
        var size = (data.Length + idatChunks - 1) / idatChunks;
        for (var offset = 0; offset < data.Length; offset += size)
        {
            WriteChunk(file, "IDAT", data.AsSpan(offset, Math.Min(size, data.Length - offset)));
        }
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngImage.Crc32(chunk.AsSpan(4, 4 + data.Length)));
        file.Write(chunk);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
