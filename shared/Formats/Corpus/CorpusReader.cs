using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Corpus;

/// <summary>
/// Streams the documents of a corpus file (JSON lines or TSV, plain or gzip) in file order, holding one line in
/// memory at a time.
/// </summary>
/// <remarks>
/// <para>JSON lines: one object per line; the id field may be a JSON string or an integer (read as its decimal text),
/// the text field must be a string, the title field may be a string, null or absent (read as empty), and any other
/// field is ignored.</para>
/// <para>TSV: <c>id&lt;TAB&gt;text</c> or <c>id&lt;TAB&gt;text&lt;TAB&gt;title</c>, no header, no quoting; the text
/// may be empty.</para>
/// <para>Both: ids are non-empty and hold no whitespace; lines end in LF or CRLF; a UTF-8 BOM at the start is skipped;
/// blank lines (empty or only spaces and tabs) are skipped. Everything else that is wrong, including a file with no
/// document, is an <see cref="InputFormatException"/> naming the file and line, thrown during enumeration. Duplicate
/// ids are not detected (that would need memory in proportion to the corpus).</para>
/// </remarks>
public static class CorpusReader
{
    /// <summary>
    /// Reads the documents of <paramref name="path"/> lazily. Arguments and the format are checked at once; the
    /// file is opened when enumeration starts, and each enumeration reads it anew.
    /// </summary>
    /// <param name="path">The corpus file.</param>
    /// <param name="options">Format and field names; <c>null</c> for <see cref="CorpusReaderOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InputFormatException">
    /// The format is not given and the file name does not tell it (here, line 0); during enumeration, any malformed line.
    /// </exception>
    public static IEnumerable<CorpusDocument> Read(string path, CorpusReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= CorpusReaderOptions.Default;
        options.Validate();
        return ReadWithLineNumbers(path, options).Select(static numbered => numbered.Document);
    }

    /// <summary>
    /// As <see cref="Read"/>, with the 1-based line number of each document (for reports that point back into the
    /// file, such as duplicate ids).
    /// </summary>
    /// <inheritdoc cref="Read" path="/param"/>
    /// <inheritdoc cref="Read" path="/exception"/>
    public static IEnumerable<(long LineNumber, CorpusDocument Document)> ReadWithLineNumbers(string path, CorpusReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= CorpusReaderOptions.Default;
        options.Validate();
        var format = options.Format ?? InferFormat(path);
        return format == CorpusFormat.Jsonl
            ? ReadJsonLines(path, new JsonLineRecord(options.IdField, options.TextField, options.TitleField), options.OnBadRecord)
            : ReadTsv(path, options.OnBadRecord);
    }

    /// <summary>The format implied by the file name (see <see cref="CorpusReaderOptions.Format"/>).</summary>
    /// <exception cref="InputFormatException">The name implies no format (line 0).</exception>
    public static CorpusFormat InferFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FileNameFormat.IsJsonLines(path) switch
        {
            true => CorpusFormat.Jsonl,
            false => CorpusFormat.Tsv,
            null => throw new InputFormatException(path, 0, FileNameFormat.Unknown),
        };
    }

    private static IEnumerable<(long, CorpusDocument)> ReadJsonLines(string path, JsonLineRecord record, Action<InputFormatException>? onBad)
    {
        using var reader = Utf8LineReader.Open(path);
        reader.OnBadLine = onBad;
        var any = false;
        while (true)
        {
            var document = NextJsonDocument(reader, record, onBad);
            if (document is null)
            {
                break;
            }
            any = true;
            yield return (reader.LineNumber, document);
        }
        if (!any)
        {
            throw Empty(path);
        }
    }

    private static CorpusDocument? NextJsonDocument(Utf8LineReader reader, JsonLineRecord record, Action<InputFormatException>? onBad)
    {
        while (reader.TryReadLine(out var line))
        {
            if (LineFields.IsBlank(line))
            {
                continue;
            }
            if (onBad is null)
            {
                var (id, text, title) = record.Parse(line, reader.Path, reader.LineNumber);
                return new CorpusDocument(id, title, text);
            }
            try
            {
                var (id, text, title) = record.Parse(line, reader.Path, reader.LineNumber);
                return new CorpusDocument(id, title, text);
            }
            catch (InputFormatException e)
            {
                onBad(e);
            }
        }
        return null;
    }

    private static IEnumerable<(long, CorpusDocument)> ReadTsv(string path, Action<InputFormatException>? onBad)
    {
        using var reader = Utf8LineReader.Open(path);
        reader.OnBadLine = onBad;
        var any = false;
        while (true)
        {
            var document = NextTsvDocument(reader, onBad);
            if (document is null)
            {
                break;
            }
            any = true;
            yield return (reader.LineNumber, document);
        }
        if (!any)
        {
            throw Empty(path);
        }
    }

    private static CorpusDocument? NextTsvDocument(Utf8LineReader reader, Action<InputFormatException>? onBad)
    {
        Span<Range> fields = stackalloc Range[3];
        while (reader.TryReadLine(out var line))
        {
            if (LineFields.IsBlank(line))
            {
                continue;
            }
            var count = LineFields.SplitTabs(line, fields);
            if (count is not (2 or 3))
            {
                var bad = new InputFormatException(reader.Path, reader.LineNumber,
                    $"expected 2 or 3 tab-separated fields 'id<TAB>text[<TAB>title]', found {count}");
                if (onBad is null)
                {
                    throw bad;
                }
                onBad(bad);
                continue;
            }
            var id = Encoding.UTF8.GetString(line[fields[0]]);
            var problem = RecordIds.Problem(id, "the first column");
            if (problem is not null)
            {
                var bad = new InputFormatException(reader.Path, reader.LineNumber, problem);
                if (onBad is null)
                {
                    throw bad;
                }
                onBad(bad);
                continue;
            }
            var text = Encoding.UTF8.GetString(line[fields[1]]);
            var title = count == 3 ? Encoding.UTF8.GetString(line[fields[2]]) : "";
            return new CorpusDocument(id, title, text);
        }
        return null;
    }

    private static InputFormatException Empty(string path) => new(path, 0, "no documents (the corpus file is empty)");
}
