using System.Buffers;

namespace Pipeline.Formats.Text;

/// <summary>Splits a UTF-8 line into fields, without allocating.</summary>
internal static class LineFields
{
    /// <summary>The separators of whitespace-separated formats (TREC qrels and runs): ASCII space, tab, CR, VT, FF.</summary>
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\v\f"u8);

    /// <summary>
    /// Finds the whitespace-separated fields of <paramref name="line"/>, storing the ranges of the first
    /// <c>fields.Length</c> of them, and returns how many there are in all (0 for a blank line).
    /// </summary>
    public static int SplitWhitespace(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var position = 0;
        while (true)
        {
            var start = line[position..].IndexOfAnyExcept(Whitespace);
            if (start < 0)
            {
                return count;
            }
            start += position;
            var length = line[start..].IndexOfAny(Whitespace);
            var end = length < 0 ? line.Length : start + length;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }
            count++;
            if (length < 0)
            {
                return count;
            }
            position = end;
        }
    }

    /// <summary>
    /// Finds the tab-separated fields of <paramref name="line"/>, storing the ranges of the first
    /// <c>fields.Length</c> of them, and returns how many there are in all (an empty line has one empty field).
    /// </summary>
    public static int SplitTabs(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var length = line[start..].IndexOf((byte)'\t');
            var end = length < 0 ? line.Length : start + length;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }
            count++;
            if (length < 0)
            {
                return count;
            }
            start = end + 1;
        }
    }

    /// <summary>True when <paramref name="line"/> holds only ASCII whitespace (or nothing).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(Whitespace) < 0;
}
