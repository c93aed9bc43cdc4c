using System.IO.Compression;
using System.Text;

namespace Pipeline.Formats.Text;

/// <summary>
/// Opens an input file as text: gzip is detected from its magic bytes (whatever the extension), a UTF-8 BOM is
/// skipped, and lines may end in LF or CRLF.
/// </summary>
public static class InputFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for reading text, decompressing gzip transparently.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        Stream stream = file;
        try
        {
            if (IsGzip(file))
            {
                stream = new GZipStream(file, CompressionMode.Decompress);
            }
            return new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, BufferSize);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Streams the lines of <paramref name="path"/> with their 1-based numbers, skipping a UTF-8 BOM on the first
    /// line. Memory use is constant in the file size.
    /// </summary>
    public static IEnumerable<(long LineNumber, string Line)> ReadLines(string path)
    {
        using var reader = OpenText(path);
        long number = 0;
        string? line;
        while ((line = ReadLineOrThrow(reader, path, number + 1)) is not null)
        {
            number++;
            if (number == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }
            yield return (number, line);
        }
    }

    private static string? ReadLineOrThrow(StreamReader reader, string path, long lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException)
        {
            throw new InputFormatException(path, lineNumber, "invalid UTF-8");
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(path, lineNumber, $"corrupt gzip data ({e.Message})");
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Seek(0, SeekOrigin.Begin);
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }
}
