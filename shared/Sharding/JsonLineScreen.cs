using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Pipeline.Sharding;

/// <summary>
/// One pass over the bytes of a JSON lines corpus that finds every line DuckDB's <c>read_json</c> might read
/// differently from <c>Pipeline.Formats.CorpusReader</c>, so that the DuckDB fast path of <see cref="CorpusSharder"/>
/// can fall back to the reader instead of writing different shards. It decodes nothing and allocates nothing per
/// line; it also counts the documents (the non-blank lines), which DuckDB's row count must match.
/// </summary>
/// <remarks>
/// <para>It splits lines as the reader does (LF, a CR before it dropped, a UTF-8 BOM at the start skipped, blank lines
/// of spaces, tabs, CR, VT, FF skipped) and checks each line to be valid UTF-8. Each other line must be one JSON object,
/// strictly by RFC 8259 — no trailing comma, no <c>NaN</c> or <c>Infinity</c>, nothing after the object, at most 64
/// levels of nesting: what DuckDB's parser (yyjson, with trailing commas and NaN/Infinity allowed and no depth limit)
/// accepts and <see cref="System.Text.Json.Utf8JsonReader"/> does not. Of the object's own fields, the id must be a
/// string or an integer literal other than <c>-0</c> (which DuckDB reads as <c>0</c>), the text a string, the title
/// (when read) a string or null, none of them twice, and no top-level field name may hold an escape (the screen does
/// not decode names).</para>
/// <para>What it leaves to DuckDB, which rejects it too: escapes and control characters inside strings, and everything
/// about values (null or missing ids, empty texts, duplicates). It is conservative: a line it flags may be one both
/// read alike (the run is then only slower); a line it passes is one they read alike, or one DuckDB reports an error
/// for.</para>
/// </remarks>
internal sealed class JsonLineScreen
{
    /// <summary>Longer lines are flagged: DuckDB's <c>maximum_object_size</c> default (16 MiB) refuses them anyway.</summary>
    public const int MaxLineBytes = 16 << 20;

    /// <summary>Nesting levels <see cref="System.Text.Json.Utf8JsonReader"/> accepts by default (the line's object is level 1).</summary>
    public const int MaxLevels = 64;

    private const int BlockSize = 1 << 20;

    private readonly byte[] _id;
    private readonly byte[] _text;
    private readonly byte[]? _title;
    private string? _failure;

    /// <summary>Screens for the given field names (<paramref name="titleField"/> <c>null</c>: titles are not read).</summary>
    public JsonLineScreen(string idField, string textField, string? titleField)
    {
        _id = Encoding.UTF8.GetBytes(idField);
        _text = Encoding.UTF8.GetBytes(textField);
        _title = titleField is null ? null : Encoding.UTF8.GetBytes(titleField);
    }

    /// <summary>What a screening found.</summary>
    /// <param name="Documents">Non-blank lines before the first problem (all of them when there is none).</param>
    /// <param name="Bytes">Bytes read (the whole content when there is no problem).</param>
    /// <param name="Problem">The first line that may read differently, as <c>line N: why</c>; null when none.</param>
    public readonly record struct Outcome(long Documents, long Bytes, string? Problem);

    /// <summary>
    /// Screens <paramref name="content"/> (the decompressed corpus) to its end or to the first problem, appending every
    /// byte read to <paramref name="hash"/> when one is given (for a plain file, its checksum in the same read).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Outcome Screen(Stream content, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[BlockSize * 2];
        int start = 0, scanned = 0, end = 0;
        long lineNumber = 0, documents = 0, bytes = 0;
        var endOfStream = false;
        while (true)
        {
            var newline = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            int lineEnd;
            if (newline >= 0)
            {
                lineEnd = start + scanned + newline;
            }
            else
            {
                scanned = end - start;
                if (!endOfStream)
                {
                    if (scanned > MaxLineBytes)
                    {
                        return new Outcome(documents, bytes, $"line {lineNumber + 1}: longer than {MaxLineBytes} bytes");
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    (buffer, start, end) = Refill(buffer, start, end);
                    var read = content.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        endOfStream = true;
                    }
                    else
                    {
                        hash?.AppendData(buffer, end, read);
                        end += read;
                        bytes += read;
                    }
                    continue;
                }
                if (start == end)
                {
                    return new Outcome(documents, bytes, null);
                }
                lineEnd = end;
            }
            lineNumber++;
            var line = buffer.AsSpan(start, lineEnd - start);
            start = Math.Min(lineEnd + 1, end);
            scanned = 0;
            if (line.Length > MaxLineBytes)
            {
                return new Outcome(documents, bytes, $"line {lineNumber}: longer than {MaxLineBytes} bytes");
            }
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
            if (!Utf8.IsValid(line))
            {
                return new Outcome(documents, bytes, $"line {lineNumber}: invalid UTF-8");
            }
            if (line.IndexOfAnyExcept(" \t\r\v\f"u8) < 0)
            {
                continue; // blank: skipped by the reader
            }
            if (CheckObject(line) is { } problem)
            {
                return new Outcome(documents, bytes, $"line {lineNumber}: {problem}");
            }
            documents++;
        }
    }

    /// <summary>Moves the unread bytes to the front and makes room for a block, growing the buffer for a long line.</summary>
    private static (byte[] Buffer, int Start, int End) Refill(byte[] buffer, int start, int end)
    {
        var pending = end - start;
        if (start > 0 && buffer.Length - end < BlockSize)
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
            start = 0;
            end = pending;
        }
        if (buffer.Length - end < BlockSize)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        return (buffer, start, end);
    }

    /// <summary>Why the line (not blank) may read differently, or null.</summary>
    internal string? CheckObject(ReadOnlySpan<byte> s)
    {
        _failure = null;
        var i = SkipWhitespace(s, 0);
        if (i == s.Length || s[i] != (byte)'{')
        {
            return "not a JSON object";
        }
        i = SkipWhitespace(s, i + 1);
        var seen = Field.None;
        if (i < s.Length && s[i] == (byte)'}')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (i == s.Length || s[i] != (byte)'"')
                {
                    return "invalid JSON (expected a field name)";
                }
                var name = s[(i + 1)..];
                var close = name.IndexOfAny((byte)'"', (byte)'\\');
                if (close < 0)
                {
                    return "invalid JSON (unterminated string)";
                }
                if (name[close] == (byte)'\\')
                {
                    return "a field name with an escape";
                }
                var field = Classify(name[..close]);
                i = SkipWhitespace(s, i + close + 2);
                if (i == s.Length || s[i] != (byte)':')
                {
                    return "invalid JSON (expected ':')";
                }
                i = SkipWhitespace(s, i + 1);
                if (i == s.Length)
                {
                    return "invalid JSON (expected a value)";
                }
                if (field != Field.None)
                {
                    if ((seen & field) != 0)
                    {
                        return $"field '{Name(field)}' appears twice";
                    }
                    seen |= field;
                    if (CheckFieldValue(field, s[i..]) is { } problem)
                    {
                        return problem;
                    }
                }
                i = SkipValue(s, i, 1);
                if (i < 0)
                {
                    return _failure;
                }
                i = SkipWhitespace(s, i);
                if (i < s.Length && s[i] == (byte)',')
                {
                    i = SkipWhitespace(s, i + 1);
                    if (i < s.Length && s[i] == (byte)'}')
                    {
                        return "a trailing comma";
                    }
                    continue;
                }
                if (i < s.Length && s[i] == (byte)'}')
                {
                    i++;
                    break;
                }
                return "invalid JSON (expected ',' or '}')";
            }
        }
        return SkipWhitespace(s, i) == s.Length ? null : "content after the object";
    }

    [Flags]
    private enum Field
    {
        None = 0,
        Id = 1,
        Text = 2,
        Title = 4,
    }

    private Field Classify(ReadOnlySpan<byte> name) =>
        name.SequenceEqual(_id) ? Field.Id
        : name.SequenceEqual(_text) ? Field.Text
        : _title is not null && name.SequenceEqual(_title) ? Field.Title
        : Field.None;

    private string Name(Field field) => Encoding.UTF8.GetString(field switch
    {
        Field.Id => _id,
        Field.Text => _text,
        _ => _title!,
    });

    /// <summary>The id, text and title value rules of the reader that DuckDB's VARCHAR columns do not keep.</summary>
    private string? CheckFieldValue(Field field, ReadOnlySpan<byte> value)
    {
        switch (field)
        {
            case Field.Text when value[0] != (byte)'"':
                return $"field '{Name(field)}' is not a string";
            case Field.Title when value[0] != (byte)'"' && !value.StartsWith("null"u8):
                return $"field '{Name(field)}' is neither a string nor null";
            case Field.Id when value[0] != (byte)'"':
                var end = SkipNumber(value, 0);
                if (end < 0 || value[..end].IndexOfAny(".eE"u8) >= 0)
                {
                    return $"field '{Name(field)}' is neither a string nor an integer";
                }
                if (value[..end].SequenceEqual("-0"u8))
                {
                    return $"field '{Name(field)}' is the integer -0 (DuckDB reads 0)";
                }
                return null;
            default:
                return null;
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }

    /// <summary>The index after the value at <paramref name="i"/> (inside <paramref name="levels"/> containers), or -1.</summary>
    private int SkipValue(ReadOnlySpan<byte> s, int i, int levels)
    {
        if (i == s.Length)
        {
            return Fail("invalid JSON (expected a value)");
        }
        switch (s[i])
        {
            case (byte)'"':
                return SkipString(s, i);
            case (byte)'{':
            case (byte)'[':
                return SkipContainer(s, i, levels + 1);
            case (byte)'t':
                return SkipLiteral(s, i, "true"u8);
            case (byte)'f':
                return SkipLiteral(s, i, "false"u8);
            case (byte)'n':
                return SkipLiteral(s, i, "null"u8);
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                var end = SkipNumber(s, i);
                return end < 0 ? Fail("invalid JSON (a malformed number)") : end;
            default:
                return Fail("invalid JSON (unexpected character)");
        }
    }

    private int SkipContainer(ReadOnlySpan<byte> s, int i, int level)
    {
        if (level > MaxLevels)
        {
            return Fail($"nested deeper than {MaxLevels} levels");
        }
        var isObject = s[i] == (byte)'{';
        var close = isObject ? (byte)'}' : (byte)']';
        i = SkipWhitespace(s, i + 1);
        if (i < s.Length && s[i] == close)
        {
            return i + 1;
        }
        while (true)
        {
            if (isObject)
            {
                if (i == s.Length || s[i] != (byte)'"')
                {
                    return Fail("invalid JSON (expected a field name)");
                }
                i = SkipString(s, i);
                if (i < 0)
                {
                    return i;
                }
                i = SkipWhitespace(s, i);
                if (i == s.Length || s[i] != (byte)':')
                {
                    return Fail("invalid JSON (expected ':')");
                }
                i = SkipWhitespace(s, i + 1);
            }
            i = SkipValue(s, i, level);
            if (i < 0)
            {
                return i;
            }
            i = SkipWhitespace(s, i);
            if (i < s.Length && s[i] == (byte)',')
            {
                i = SkipWhitespace(s, i + 1);
                if (i < s.Length && s[i] == close)
                {
                    return Fail("a trailing comma");
                }
                continue;
            }
            if (i < s.Length && s[i] == close)
            {
                return i + 1;
            }
            return Fail("invalid JSON (expected ',' or the end of a container)");
        }
    }

    /// <summary>Finds the closing quote; escapes are skipped, not checked (DuckDB and the reader both check them).</summary>
    private int SkipString(ReadOnlySpan<byte> s, int i)
    {
        i++;
        while (true)
        {
            var next = s[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return Fail("invalid JSON (unterminated string)");
            }
            i += next;
            if (s[i] == (byte)'"')
            {
                return i + 1;
            }
            // A backslash and the byte it escapes; the rest of an escape (\uXXXX's hex digits) holds no quote or backslash.
            i += 2;
            if (i > s.Length)
            {
                return Fail("invalid JSON (unterminated string)");
            }
        }
    }

    private int SkipLiteral(ReadOnlySpan<byte> s, int i, ReadOnlySpan<byte> literal) =>
        s[i..].StartsWith(literal) ? i + literal.Length : Fail("invalid JSON (unexpected literal)");

    /// <summary>The index after an RFC 8259 number at <paramref name="i"/>, or -1.</summary>
    private static int SkipNumber(ReadOnlySpan<byte> s, int i)
    {
        if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }
        if (i == s.Length || !IsDigit(s[i]))
        {
            return -1;
        }
        if (s[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(s, i);
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            if (i + 1 == s.Length || !IsDigit(s[i + 1]))
            {
                return -1;
            }
            i = SkipDigits(s, i + 1);
        }
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }
            if (i == s.Length || !IsDigit(s[i]))
            {
                return -1;
            }
            i = SkipDigits(s, i);
        }
        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private int Fail(string why)
    {
        _failure ??= why;
        return -1;
    }
}
