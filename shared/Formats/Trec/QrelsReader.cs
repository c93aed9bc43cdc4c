using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Trec;

/// <summary>
/// Reads TREC qrels: <c>query-id iteration doc-id grade</c>, separated by spaces or tabs, grade an integer (negative
/// allowed); the iteration column is not checked. Lines end in LF or CRLF, a UTF-8 BOM at the start is skipped and
/// blank lines are skipped; anything else malformed, and a (query, document) pair judged twice, is an
/// <see cref="InputFormatException"/> naming the file and line.
/// </summary>
/// <remarks>
/// Parsing works on the raw UTF-8 bytes of each line: only the document id is decoded to a new string per line and
/// the query id once per run of consecutive lines of the same query.
/// </remarks>
public static class QrelsReader
{
    /// <summary>Reads a qrels file (plain or gzip).</summary>
    /// <exception cref="InputFormatException">A line is malformed, a pair is judged twice, or the file is empty.</exception>
    public static Qrels Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new QrelsBuilder();
        var queryIdCache = new LastStringCache();
        var judged = 0L;
        Span<Range> fields = stackalloc Range[4];

        using var reader = Utf8LineReader.Open(path);
        while (reader.TryReadLine(out var line))
        {
            var count = LineFields.SplitWhitespace(line, fields);
            if (count != 4)
            {
                if (count == 0)
                {
                    continue;
                }
                ThrowFieldCount(reader, count);
            }
            if (!int.TryParse(line[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
            {
                ThrowBadGrade(reader, line[fields[3]]);
            }
            var queryId = queryIdCache.Get(line[fields[0]], out _);
            var docId = Encoding.UTF8.GetString(line[fields[2]]);
            if (!builder.Add(queryId, docId, grade))
            {
                throw new InputFormatException(path, reader.LineNumber, $"document '{docId}' is judged twice for query '{queryId}'");
            }
            judged++;
        }
        if (judged == 0)
        {
            throw new InputFormatException(path, 0, "no judgments (the qrels file is empty)");
        }
        return builder.Build();
    }

    [DoesNotReturn]
    private static void ThrowFieldCount(Utf8LineReader reader, int count) =>
        throw new InputFormatException(reader.Path, reader.LineNumber,
            $"expected 4 fields 'query-id iteration doc-id grade', found {count}");

    [DoesNotReturn]
    private static void ThrowBadGrade(Utf8LineReader reader, ReadOnlySpan<byte> grade) =>
        throw new InputFormatException(reader.Path, reader.LineNumber, $"grade '{Encoding.UTF8.GetString(grade)}' is not an integer");
}
