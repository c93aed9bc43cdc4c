using System.Runtime.InteropServices;

namespace Pipeline.Formats.Trec;

/// <summary>Accumulates judgments into a <see cref="Qrels"/>.</summary>
internal sealed class QrelsBuilder
{
    private readonly Dictionary<string, Dictionary<string, int>> _byQuery = new(StringComparer.Ordinal);
    private readonly List<string> _queryIds = [];
    private string? _lastQueryId;
    private Dictionary<string, int>? _lastJudgments;

    /// <summary>Adds one judgment; returns false when (query, doc) was already judged (the new grade wins).</summary>
    public bool Add(string queryId, string docId, int grade)
    {
        var judgments = ForQuery(queryId);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(judgments, docId, out var exists);
        slot = grade;
        return !exists;
    }

    public Qrels Build() => new(_byQuery, _queryIds);

    private Dictionary<string, int> ForQuery(string queryId)
    {
        // Qrels list a query's judgments together: skip the lookup while the query id string is the same object.
        if (ReferenceEquals(queryId, _lastQueryId))
        {
            return _lastJudgments!;
        }
        if (!_byQuery.TryGetValue(queryId, out var judgments))
        {
            judgments = new Dictionary<string, int>(StringComparer.Ordinal);
            _byQuery.Add(queryId, judgments);
            _queryIds.Add(queryId);
        }
        _lastQueryId = queryId;
        _lastJudgments = judgments;
        return judgments;
    }
}
