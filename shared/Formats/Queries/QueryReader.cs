using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Queries;

/// <summary>
/// Reads a queries file (JSON lines or TSV, plain or gzip) whole, in file order.
/// </summary>
/// <remarks>
/// <para>JSON lines: one object per line; the id field may be a JSON string or an integer (read as its decimal text),
/// the text field must be a string, and any other field is ignored.</para>
/// <para>TSV: exactly <c>id&lt;TAB&gt;text</c>, no header, no quoting.</para>
/// <para>Both: ids are non-empty, hold no whitespace and are unique; the text is not empty or whitespace only; lines
/// end in LF or CRLF; a UTF-8 BOM at the start is skipped; blank lines are skipped. Anything else, including a file
/// with no query, is an <see cref="InputFormatException"/> naming the file and line.</para>
/// </remarks>
public static class QueryReader
{
    /// <summary>Reads all queries of <paramref name="path"/>.</summary>
    /// <param name="path">The queries file.</param>
    /// <param name="options">Format and field names; <c>null</c> for <see cref="QueryReaderOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InputFormatException">
    /// A line is malformed, an id repeats, the file has no query, or the format is not given and the file name does
    /// not tell it (line 0).
    /// </exception>
    public static IReadOnlyList<Query> Read(string path, QueryReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= QueryReaderOptions.Default;
        options.Validate();
        var format = options.Format ?? InferFormat(path);
        var json = format == QueryFormat.Jsonl ? new JsonLineRecord(options.IdField, options.TextField, titleField: null) : null;

        var queries = new List<Query>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        Span<Range> fields = stackalloc Range[2];
        using var reader = Utf8LineReader.Open(path);
        while (reader.TryReadLine(out var line))
        {
            if (LineFields.IsBlank(line))
            {
                continue;
            }
            string id;
            string text;
            if (json is not null)
            {
                (id, text, _) = json.Parse(line, path, reader.LineNumber);
            }
            else
            {
                var count = LineFields.SplitTabs(line, fields);
                if (count != 2)
                {
                    throw new InputFormatException(path, reader.LineNumber,
                        $"expected 2 tab-separated fields 'id<TAB>text', found {count}");
                }
                id = Encoding.UTF8.GetString(line[fields[0]]);
                var problem = RecordIds.Problem(id, "the first column");
                if (problem is not null)
                {
                    throw new InputFormatException(path, reader.LineNumber, problem);
                }
                text = Encoding.UTF8.GetString(line[fields[1]]);
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new InputFormatException(path, reader.LineNumber, $"query '{id}' has no text");
            }
            if (!firstLine.TryAdd(id, reader.LineNumber))
            {
                throw new InputFormatException(path, reader.LineNumber,
                    $"query '{id}' appears twice (first on line {firstLine[id]})");
            }
            queries.Add(new Query(id, text));
        }
        if (queries.Count == 0)
        {
            throw new InputFormatException(path, 0, "no queries (the queries file is empty)");
        }
        return queries;
    }

    /// <summary>The format implied by the file name (see <see cref="QueryReaderOptions.Format"/>).</summary>
    /// <exception cref="InputFormatException">The name implies no format (line 0).</exception>
    public static QueryFormat InferFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FileNameFormat.IsJsonLines(path) switch
        {
            true => QueryFormat.Jsonl,
            false => QueryFormat.Tsv,
            null => throw new InputFormatException(path, 0, FileNameFormat.Unknown),
        };
    }
}
