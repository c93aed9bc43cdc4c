using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Trec;

/// <summary>
/// Reads TREC runs: <c>query-id Q0 doc-id rank score run-tag</c>, separated by spaces or tabs. The second column is
/// not checked; the rank must be an integer but is otherwise ignored; the score is a finite decimal number. Lines end
/// in LF or CRLF, a UTF-8 BOM at the start is skipped and blank lines are skipped; a document repeated within a query,
/// or any other malformed line, is an <see cref="InputFormatException"/> naming the file and line.
/// </summary>
/// <remarks>
/// Parsing works on the raw UTF-8 bytes of each line: only the document id is decoded to a new string per line, the
/// query id once per run of consecutive lines of the same query and the run tag once per file.
/// </remarks>
public static class TrecRunReader
{
    private const NumberStyles ScoreStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Reads a run file (plain or gzip).</summary>
    /// <exception cref="InputFormatException">A line is malformed, a document repeats, or the file is empty.</exception>
    public static TrecRun Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var byQuery = new Dictionary<string, List<ScoredDoc>>(StringComparer.Ordinal);
        var queryIds = new List<string>();
        var queryIdCache = new LastStringCache();
        var seen = new DuplicateDocs();
        List<ScoredDoc> docs = [];
        string? runId = null;
        var lineCount = 0L;
        Span<Range> fields = stackalloc Range[6];

        using var reader = Utf8LineReader.Open(path);
        while (reader.TryReadLine(out var line))
        {
            var count = LineFields.SplitWhitespace(line, fields);
            if (count != 6)
            {
                if (count == 0)
                {
                    continue;
                }
                ThrowFieldCount(reader, count);
            }
            if (!long.TryParse(line[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                ThrowBadRank(reader, line[fields[3]]);
            }
            if (!double.TryParse(line[fields[4]], ScoreStyle, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                ThrowBadScore(reader, line[fields[4]]);
            }

            var queryId = queryIdCache.Get(line[fields[0]], out var newQuery);
            if (newQuery)
            {
                if (byQuery.TryGetValue(queryId, out var existing))
                {
                    docs = existing;
                    seen.Revisit(queryId, existing);
                }
                else
                {
                    // Queries of one run tend to have the same depth: start at the previous query's size.
                    docs = new List<ScoredDoc>(docs.Count);
                    byQuery.Add(queryId, docs);
                    queryIds.Add(queryId);
                    seen.Start();
                }
            }
            var docId = Encoding.UTF8.GetString(line[fields[2]]);
            if (!seen.Add(docId))
            {
                throw new InputFormatException(path, reader.LineNumber, $"document '{docId}' appears twice for query '{queryId}'");
            }
            docs.Add(new ScoredDoc(docId, score));
            runId ??= Encoding.UTF8.GetString(line[fields[5]]);
            lineCount++;
        }
        if (runId is null)
        {
            throw new InputFormatException(path, 0, "no results (the run file is empty)");
        }
        return new TrecRun(runId, byQuery, queryIds, lineCount);
    }

    [DoesNotReturn]
    private static void ThrowFieldCount(Utf8LineReader reader, int count) =>
        throw new InputFormatException(reader.Path, reader.LineNumber,
            $"expected 6 fields 'query-id Q0 doc-id rank score run-tag', found {count}");

    [DoesNotReturn]
    private static void ThrowBadRank(Utf8LineReader reader, ReadOnlySpan<byte> rank) =>
        throw new InputFormatException(reader.Path, reader.LineNumber, $"rank '{Encoding.UTF8.GetString(rank)}' is not an integer");

    [DoesNotReturn]
    private static void ThrowBadScore(Utf8LineReader reader, ReadOnlySpan<byte> score) =>
        throw new InputFormatException(reader.Path, reader.LineNumber, $"score '{Encoding.UTF8.GetString(score)}' is not a finite number");

    /// <summary>
    /// The documents seen so far for the current query. Runs list each query's lines together, so one set is reused
    /// from query to query; a query that comes back after others gets a set of its own, rebuilt once from its list.
    /// </summary>
    private sealed class DuplicateDocs
    {
        private readonly HashSet<string> _shared = new(StringComparer.Ordinal);
        private Dictionary<string, HashSet<string>>? _revisited;
        private HashSet<string> _current;

        public DuplicateDocs() => _current = _shared;

        public void Start()
        {
            _shared.Clear();
            _current = _shared;
        }

        public void Revisit(string queryId, List<ScoredDoc> docs)
        {
            _revisited ??= new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            if (!_revisited.TryGetValue(queryId, out var set))
            {
                set = new HashSet<string>(docs.Count, StringComparer.Ordinal);
                foreach (var doc in docs)
                {
                    set.Add(doc.DocId);
                }
                _revisited.Add(queryId, set);
            }
            _current = set;
        }

        public bool Add(string docId) => _current.Add(docId);
    }
}
