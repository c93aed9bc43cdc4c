using System.Runtime.InteropServices;
using Pipeline.Evaluation.Text;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Ranking;

/// <summary>
/// Turns one query's retrieved documents and judgments into a <see cref="RankedQuery"/> the way trec_eval's
/// <c>form_res_rels</c> does: documents sorted by score descending, ties broken by document id descending in byte
/// order (the rank column is ignored), the list cut at <c>-M</c>, then each document given its grade,
/// <see cref="RelevanceValue.NotPooled"/> or <see cref="RelevanceValue.Unjudged"/>. One builder per worker thread:
/// its buffers are reused.
/// </summary>
internal sealed class RankingBuilder
{
    private readonly long _maxDocs;
    private readonly bool _judgedOnly;
    private readonly ScoreRadixSort _sort = new();
    private ScoredDoc[] _copy = [];
    private string[] _tieIds = new string[8];

    public RankingBuilder(int relevanceLevel, long maxDocs, bool judgedOnly)
    {
        _maxDocs = maxDocs;
        _judgedOnly = judgedOnly;
        Query = new RankedQuery { RelevanceLevel = relevanceLevel };
    }

    /// <summary>The query last built; overwritten by the next <see cref="Build"/>.</summary>
    public RankedQuery Query { get; }

    /// <summary>Ranks <paramref name="retrieved"/> against <paramref name="judgments"/> into <see cref="Query"/>.</summary>
    public RankedQuery Build(string queryId, IReadOnlyList<ScoredDoc> retrieved, IReadOnlyDictionary<string, int> judgments)
    {
        var query = Query;
        QueryJudgments.Count(queryId, judgments, query);
        var filter = new JudgedDocFilter(judgments, stackalloc ulong[JudgedDocFilter.Size]);

        var docs = AsSpan(retrieved);
        var n = docs.Length;
        _sort.Sort(docs);
        var keys = _sort.Keys[..n];
        var order = _sort.Order[..n];
        BreakTies(docs, keys, order);

        var numResults = (int)Math.Min(n, _maxDocs);
        var rels = query.RelsBuffer(numResults);
        long relRet = 0, nonpool = 0, unjudged = 0;
        var level = query.RelevanceLevel;
        var kept = 0;
        for (var rank = 0; rank < numResults; rank++)
        {
            int rel;
            var docId = docs[order[rank]].DocId;
            if (filter.MayContain(docId) && judgments.TryGetValue(docId, out var grade))
            {
                rel = grade < 0 ? RelevanceValue.Unjudged : grade;
            }
            else
            {
                rel = RelevanceValue.NotPooled;
            }

            if (_judgedOnly)
            {
                // -J: unjudged documents leave the ranking; trec_eval counts neither kind of them then.
                if (rel >= 0)
                {
                    if (rel >= level)
                    {
                        relRet++;
                    }
                    rels[kept++] = rel;
                }
                continue;
            }
            rels[rank] = rel;
            if (rel == RelevanceValue.NotPooled)
            {
                nonpool++;
            }
            else if (rel == RelevanceValue.Unjudged)
            {
                unjudged++;
            }
            else if (rel >= level)
            {
                relRet++;
            }
        }
        query.NumRet = _judgedOnly ? kept : numResults;
        query.NumRelRet = relRet;
        query.NumNonpool = nonpool;
        query.NumUnjudgedInPool = unjudged;
        return query;
    }

    private ReadOnlySpan<ScoredDoc> AsSpan(IReadOnlyList<ScoredDoc> retrieved)
    {
        switch (retrieved)
        {
            case ScoredDoc[] array:
                return array;
            case List<ScoredDoc> list:
                return CollectionsMarshal.AsSpan(list);
            default:
                if (_copy.Length < retrieved.Count)
                {
                    _copy = new ScoredDoc[retrieved.Count];
                }
                for (var i = 0; i < retrieved.Count; i++)
                {
                    _copy[i] = retrieved[i];
                }
                return _copy.AsSpan(0, retrieved.Count);
        }
    }

    /// <summary>Within each run of equal scores, orders documents by id descending (trec_eval's comp_sim_docno).</summary>
    private void BreakTies(ReadOnlySpan<ScoredDoc> docs, ReadOnlySpan<ulong> keys, Span<int> order)
    {
        var n = keys.Length;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            // Equal keys are equal scores; -0.0 and 0.0 share a key, as C's < and > treat them.
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                SortTieRun(docs, order[start..end]);
            }
            start = end;
        }
    }

    private void SortTieRun(ReadOnlySpan<ScoredDoc> docs, Span<int> run)
    {
        if (_tieIds.Length < run.Length)
        {
            _tieIds = new string[Math.Max(run.Length, _tieIds.Length * 2)];
        }
        var ids = _tieIds.AsSpan(0, run.Length);
        for (var k = 0; k < run.Length; k++)
        {
            ids[k] = docs[run[k]].DocId;
        }
        ids.Sort(run, DescendingByteOrder.Instance);
        ids.Clear();
    }

    private sealed class DescendingByteOrder : IComparer<string>
    {
        public static readonly DescendingByteOrder Instance = new();

        public int Compare(string? x, string? y) => ByteOrder.CompareStrings(y, x);
    }
}
