namespace Pipeline.Formats.Trec;

/// <summary>
/// Relevance judgments: for each query id, the judged documents and their integer grades (negative grades are
/// kept as read; what they mean is the evaluator's business). Queries keep the order of their first line.
/// </summary>
public sealed class Qrels
{
    private readonly Dictionary<string, Dictionary<string, int>> _byQuery;
    private readonly List<string> _queryIds;

    internal Qrels(Dictionary<string, Dictionary<string, int>> byQuery, List<string> queryIds)
    {
        _byQuery = byQuery;
        _queryIds = queryIds;
    }

    /// <summary>Query ids in order of first appearance.</summary>
    public IReadOnlyList<string> QueryIds => _queryIds;

    /// <summary>Number of judged queries.</summary>
    public int QueryCount => _queryIds.Count;

    /// <summary>The judgments of one query, or <c>null</c> when the query has none.</summary>
    public IReadOnlyDictionary<string, int>? ForQuery(string queryId) =>
        _byQuery.TryGetValue(queryId, out var judgments) ? judgments : null;

    /// <summary>Builds qrels in memory (tests, synthetic data). Later duplicates of a (query, doc) pair win.</summary>
    public static Qrels FromJudgments(IEnumerable<(string QueryId, string DocId, int Grade)> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var builder = new QrelsBuilder();
        foreach (var (queryId, docId, grade) in judgments)
        {
            builder.Add(queryId, docId, grade);
        }
        return builder.Build();
    }
}
