using System.Text;

namespace Pipeline.Formats.Text;

/// <summary>
/// Opens an input file as text: gzip is detected from its magic bytes (whatever the extension), a UTF-8 BOM is
/// skipped, and lines may end in LF or CRLF.
/// </summary>
public static class InputFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Opens <paramref name="path"/> for reading text, decompressing gzip transparently and skipping a UTF-8 BOM.
    /// Invalid UTF-8 makes the reader throw <see cref="DecoderFallbackException"/>; corrupt gzip data,
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = Utf8LineReader.OpenStream(path, BufferSize);
        try
        {
            // An encoding with a preamble makes StreamReader skip a leading BOM; it never writes one here.
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
            return new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: false, BufferSize);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Streams the lines of <paramref name="path"/> with their 1-based numbers. Lines end in LF or CRLF (a lone CR
    /// is kept as part of the line); a UTF-8 BOM at the start is skipped. Memory use is constant in the file size.
    /// </summary>
    /// <exception cref="InputFormatException">
    /// A line is not valid UTF-8 or is longer than 64 MiB, or the gzip data is corrupt; the exception names the line.
    /// </exception>
    public static IEnumerable<(long LineNumber, string Line)> ReadLines(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Iterate(path);

        static IEnumerable<(long LineNumber, string Line)> Iterate(string path)
        {
            using var reader = Utf8LineReader.Open(path);
            while (reader.TryReadLine(out var line))
            {
                yield return (reader.LineNumber, Encoding.UTF8.GetString(line));
            }
        }
    }
}
