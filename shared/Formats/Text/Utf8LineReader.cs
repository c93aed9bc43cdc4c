using System.Text.Unicode;

namespace Pipeline.Formats.Text;

/// <summary>
/// Reads an input file line by line as raw UTF-8 bytes, without decoding or allocating per line: gzip is detected
/// from its magic bytes, lines end in LF (a CR before it is dropped), a UTF-8 BOM at the start is skipped, and each
/// line is checked to be valid UTF-8 before it is handed out. Memory use is one buffer that grows only to the
/// longest line.
/// </summary>
/// <remarks>
/// The span returned by <see cref="TryReadLine"/> is valid until the next call. A lone CR is not a line end.
/// </remarks>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>Lines longer than this are rejected, so a file without line ends cannot exhaust memory.</summary>
    public const int DefaultMaxLineBytes = 64 << 20;

    private const int InitialBufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;     // first unconsumed byte
    private int _scanned;   // bytes from _start already known to hold no LF
    private int _end;       // end of the data read so far
    private bool _endOfStream;

    private Utf8LineReader(string path, Stream stream, int maxLineBytes)
    {
        Path = path;
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(InitialBufferSize, maxLineBytes + 1)];
    }

    /// <summary>The file being read, as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    /// <summary>1-based number of the line last returned by <see cref="TryReadLine"/>; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// When set, a complete line that is too long or not valid UTF-8 is reported here and skipped instead of thrown.
    /// Errors that concern the rest of the file (damaged gzip data) are thrown either way.
    /// </summary>
    public Action<InputFormatException>? OnBadLine { get; set; }

    /// <summary>Opens <paramref name="path"/>, decompressing gzip transparently.</summary>
    public static Utf8LineReader Open(string path, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        return new Utf8LineReader(path, OpenStream(path), maxLineBytes);
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a byte stream: the decompressed content when the file starts with the gzip
    /// magic bytes, the file itself otherwise.
    /// </summary>
    internal static Stream OpenStream(string path, int fileBufferSize = 1)
    {
        // bufferSize 1 disables FileStream's own buffer: callers read in large blocks already.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, fileBufferSize, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Seek(0, SeekOrigin.Begin);
            return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B
                ? new VerifiedGzipStream(path, file)
                : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next line without its line end; false at the end of the file.</summary>
    /// <exception cref="InputFormatException">The line is not valid UTF-8, is too long, or the gzip data is corrupt.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
    next:
        int lineEnd;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                lineEnd = _start + _scanned + newline;
                break;
            }
            _scanned = _end - _start;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                lineEnd = _end;
                break;
            }
            Fill();
        }

        var content = _buffer.AsSpan(_start, lineEnd - _start);
        _start = Math.Min(lineEnd + 1, _end);
        _scanned = 0;
        LineNumber++;
        if (content.Length > _maxLineBytes)
        {
            Report(new InputFormatException(Path, LineNumber, $"line is longer than {_maxLineBytes} bytes"));
            goto next;
        }
        if (content.Length > 0 && content[^1] == (byte)'\r')
        {
            content = content[..^1];
        }
        if (LineNumber == 1 && content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        if (!Utf8.IsValid(content))
        {
            Report(new InputFormatException(Path, LineNumber, "invalid UTF-8"));
            goto next;
        }
        line = content;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private void Report(InputFormatException problem)
    {
        if (OnBadLine is not { } report)
        {
            throw problem;
        }
        report(problem);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_end > _maxLineBytes)
            {
                throw new InputFormatException(Path, LineNumber + 1, $"line is longer than {_maxLineBytes} bytes");
            }
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineBytes + 1));
        }
        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (TruncatedGzipException e)
        {
            throw new InputFormatException(Path, LineNumber + 1, "truncated or damaged gzip data (the content does not match the gzip trailer)", e);
        }
        catch (InvalidDataException e)
        {
            throw new InputFormatException(Path, LineNumber + 1, "corrupt gzip data", e);
        }
        if (read == 0)
        {
            _endOfStream = true;
        }
        _end += read;
    }
}
