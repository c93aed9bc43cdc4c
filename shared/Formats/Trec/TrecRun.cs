namespace Pipeline.Formats.Trec;

/// <summary>
/// A TREC run: for each query, the retrieved documents with their scores, in file order (the rank column is not
/// kept; evaluators order by score). Queries keep the order of their first line. A document appears at most once
/// per query.
/// </summary>
public sealed class TrecRun
{
    private readonly Dictionary<string, List<ScoredDoc>> _byQuery;
    private readonly List<string> _queryIds;

    internal TrecRun(string runId, Dictionary<string, List<ScoredDoc>> byQuery, List<string> queryIds, long lineCount)
    {
        RunId = runId;
        _byQuery = byQuery;
        _queryIds = queryIds;
        LineCount = lineCount;
    }

    /// <summary>The run tag (sixth column of the first line), or an empty string for an empty run.</summary>
    public string RunId { get; }

    /// <summary>Query ids in order of first appearance.</summary>
    public IReadOnlyList<string> QueryIds => _queryIds;

    /// <summary>Number of queries with at least one retrieved document.</summary>
    public int QueryCount => _queryIds.Count;

    /// <summary>Total number of (query, document) lines.</summary>
    public long LineCount { get; }

    /// <summary>The documents retrieved for one query in file order, or <c>null</c> when the run has none.</summary>
    public IReadOnlyList<ScoredDoc>? ForQuery(string queryId) =>
        _byQuery.TryGetValue(queryId, out var docs) ? docs : null;

    /// <summary>
    /// Builds a run in memory. Throws <see cref="ArgumentException"/> when a document repeats within a query.
    /// </summary>
    public static TrecRun FromResults(string runId, IEnumerable<(string QueryId, string DocId, double Score)> results)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(results);
        var byQuery = new Dictionary<string, List<ScoredDoc>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var queryIds = new List<string>();
        var lineCount = 0L;
        foreach (var (queryId, docId, score) in results)
        {
            if (!byQuery.TryGetValue(queryId, out var docs))
            {
                docs = [];
                byQuery.Add(queryId, docs);
                seen.Add(queryId, new HashSet<string>(StringComparer.Ordinal));
                queryIds.Add(queryId);
            }
            if (!seen[queryId].Add(docId))
            {
                throw new ArgumentException($"document '{docId}' appears twice for query '{queryId}'", nameof(results));
            }
            docs.Add(new ScoredDoc(docId, score));
            lineCount++;
        }
        return new TrecRun(runId, byQuery, queryIds, lineCount);
    }

    /// <summary>
    /// Builds a run from one ranked list per query, in the order given; a query with an empty list gets no lines.
    /// The same as <see cref="FromResults"/> over the lists' lines, without a dictionary look-up per line. Throws
    /// <see cref="ArgumentException"/> when a query id repeats or a document repeats within a query.
    /// </summary>
    public static TrecRun FromRankings(string runId, IEnumerable<(string QueryId, IReadOnlyList<ScoredDoc> Docs)> rankings)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(rankings);
        var byQuery = new Dictionary<string, List<ScoredDoc>>(StringComparer.Ordinal);
        var queryIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineCount = 0L;
        foreach (var (queryId, docs) in rankings)
        {
            ArgumentNullException.ThrowIfNull(queryId);
            ArgumentNullException.ThrowIfNull(docs);
            if (docs.Count == 0)
            {
                continue;
            }
            var list = new List<ScoredDoc>(docs.Count);
            seen.Clear();
            seen.EnsureCapacity(docs.Count);
            foreach (var doc in docs)
            {
                if (!seen.Add(doc.DocId))
                {
                    throw new ArgumentException($"document '{doc.DocId}' appears twice for query '{queryId}'", nameof(rankings));
                }
                list.Add(doc);
            }
            if (!byQuery.TryAdd(queryId, list))
            {
                throw new ArgumentException($"query '{queryId}' has two rankings", nameof(rankings));
            }
            queryIds.Add(queryId);
            lineCount += list.Count;
        }
        return new TrecRun(runId, byQuery, queryIds, lineCount);
    }
}
