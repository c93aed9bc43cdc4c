using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Trec;

/// <summary>
/// Writes TREC runs, one line <c>query-id Q0 doc-id rank score run-tag</c> per retrieved document. Each query's
/// documents are written in the order trec_eval ranks them — score descending, ties broken by document id descending
/// (ordinal comparison) — with ranks 1..n. Scores are written in the shortest form that reads back to the same
/// <see cref="double"/> (invariant culture, e.g. <c>12.033</c>, <c>1E-07</c>), so <see cref="TrecRunReader"/> gives
/// back exactly the scores written.
/// </summary>
/// <remarks>Not thread-safe. Lines end in LF; the text is UTF-8 without a BOM.</remarks>
public sealed class TrecRunWriter : IDisposable
{
    private static readonly Comparison<ScoredDoc> TrecEvalOrder = static (a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(b.DocId, a.DocId);
    };

    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;
    private readonly HashSet<string> _writtenQueries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _docIds = new(StringComparer.Ordinal);
    private readonly List<ScoredDoc> _sorted = [];
    private bool _disposed;

    /// <summary>
    /// Creates (or overwrites) the run file <paramref name="path"/>, gzip-compressed when the name ends in
    /// <c>.gz</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The run tag is empty or holds whitespace.</exception>
    public TrecRunWriter(string path, string runTag)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckToken(runTag, "run tag", nameof(runTag));
        RunTag = runTag;
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                stream = new GZipStream(stream, CompressionLevel.Optimal);
            }
            _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes to <paramref name="writer"/>, which is disposed with this writer unless <paramref name="leaveOpen"/>.</summary>
    /// <exception cref="ArgumentException">The run tag is empty or holds whitespace.</exception>
    public TrecRunWriter(TextWriter writer, string runTag, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckToken(runTag, "run tag", nameof(runTag));
        RunTag = runTag;
        _writer = writer;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The run tag written in the last column of every line.</summary>
    public string RunTag { get; }

    /// <summary>
    /// Writes the ranking of one query: <paramref name="docs"/> in trec_eval order with ranks 1..n. Writing no
    /// document writes nothing (the query still counts as written).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The query id or a document id is empty or holds whitespace, a document repeats, a score is not finite, or the
    /// query was written before. Nothing is written for the query then.
    /// </exception>
    public void WriteQuery(string queryId, IEnumerable<ScoredDoc> docs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckToken(queryId, "query id", nameof(queryId));
        ArgumentNullException.ThrowIfNull(docs);
        if (_writtenQueries.Contains(queryId))
        {
            throw new ArgumentException($"query '{queryId}' was already written", nameof(queryId));
        }

        _sorted.Clear();
        _docIds.Clear();
        foreach (var doc in docs)
        {
            CheckToken(doc.DocId, "document id", nameof(docs));
            if (!double.IsFinite(doc.Score))
            {
                throw new ArgumentException($"document '{doc.DocId}' of query '{queryId}' has the score {doc.Score.ToString(CultureInfo.InvariantCulture)}, which is not finite", nameof(docs));
            }
            if (!_docIds.Add(doc.DocId))
            {
                throw new ArgumentException($"document '{doc.DocId}' appears twice for query '{queryId}'", nameof(docs));
            }
            _sorted.Add(doc);
        }
        _sorted.Sort(TrecEvalOrder);
        _writtenQueries.Add(queryId);

        Span<char> number = stackalloc char[32];
        var rank = 0;
        foreach (var doc in _sorted)
        {
            rank++;
            _writer.Write(queryId);
            _writer.Write(" Q0 ");
            _writer.Write(doc.DocId);
            _writer.Write(' ');
            rank.TryFormat(number, out var written, provider: CultureInfo.InvariantCulture);
            _writer.Write(number[..written]);
            _writer.Write(' ');
            // The default format of double is the shortest string that parses back to the same value.
            doc.Score.TryFormat(number, out written, provider: CultureInfo.InvariantCulture);
            _writer.Write(number[..written]);
            _writer.Write(' ');
            _writer.Write(RunTag);
            _writer.Write('\n');
        }
    }

    /// <summary>Writes every query of <paramref name="run"/>, in its query order, under this writer's run tag.</summary>
    /// <exception cref="ArgumentException">An id is empty or holds whitespace, or a query was written before.</exception>
    public void WriteRun(TrecRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var queryId in run.QueryIds)
        {
            WriteQuery(queryId, run.ForQuery(queryId)!);
        }
    }

    /// <summary>Flushes what was written so far to the underlying writer or file.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.Flush();
    }

    /// <summary>
    /// Writes <paramref name="run"/> to the file <paramref name="path"/> (gzip when the name ends in <c>.gz</c>),
    /// tagged <paramref name="runTag"/> or, when that is null, the run's own <see cref="TrecRun.RunId"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The run tag or an id is empty or holds whitespace.</exception>
    public static void WriteFile(string path, TrecRun run, string? runTag = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var writer = new TrecRunWriter(path, runTag ?? run.RunId);
        writer.WriteRun(run);
    }

    /// <summary>Flushes and, unless the writer was handed over with <c>leaveOpen</c>, closes the output.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_leaveOpen)
        {
            _writer.Flush();
        }
        else
        {
            _writer.Dispose();
        }
    }

    private static void CheckToken(string? value, string what, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"the {what} is null");
        }
        if (!RecordIds.IsValid(value))
        {
            throw new ArgumentException(
                value.Length == 0 ? $"the {what} is empty" : $"the {what} '{value}' contains whitespace", parameterName);
        }
    }
}
