namespace Pipeline.Formats.Trec;

/// <summary>Accumulates judgments into a <see cref="Qrels"/>.</summary>
internal sealed class QrelsBuilder
{
    private readonly Dictionary<string, Dictionary<string, int>> _byQuery = new(StringComparer.Ordinal);
    private readonly List<string> _queryIds = [];

    /// <summary>Adds one judgment; returns false when (query, doc) was already judged (the new grade wins).</summary>
    public bool Add(string queryId, string docId, int grade)
    {
        if (!_byQuery.TryGetValue(queryId, out var judgments))
        {
            judgments = new Dictionary<string, int>(StringComparer.Ordinal);
            _byQuery.Add(queryId, judgments);
            _queryIds.Add(queryId);
        }
        var isNew = !judgments.ContainsKey(docId);
        judgments[docId] = grade;
        return isNew;
    }

    public Qrels Build() => new(_byQuery, _queryIds);
}
