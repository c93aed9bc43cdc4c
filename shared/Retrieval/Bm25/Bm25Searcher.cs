using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Text;

namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// BM25 over a set of shards with global statistics: each shard returns its own top-k (scored with the merged
/// statistics), and the lists are merged by score, ties by doc id descending. The result equals the top-k of one
/// index over all the documents. Queries run in parallel on all cores.
/// </summary>
public sealed class Bm25Searcher
{
    private readonly ShardSearcher[] _shards;

    /// <summary>A searcher over <paramref name="shards"/>, all analyzed with the same analyzer.</summary>
    /// <exception cref="ArgumentException">No shards, or shards analyzed differently.</exception>
    public Bm25Searcher(IReadOnlyList<ShardIndex> shards, Bm25Parameters? parameters = null, CollectionStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("at least one shard is needed", nameof(shards));
        }
        var analyzer = shards[0].AnalyzerName;
        if (shards.Any(s => s.AnalyzerName != analyzer))
        {
            throw new ArgumentException("all shards must be analyzed with the same analyzer", nameof(shards));
        }
        Analyzer = Analyzer.FromName(analyzer);
        Statistics = statistics ?? CollectionStatistics.Merge(shards.Select(s => s.Statistics));
        _shards = [.. shards.Select(s => new ShardSearcher(s, Statistics, parameters))];
    }

    /// <summary>The analyzer queries go through (the one the shards were built with).</summary>
    public Analyzer Analyzer { get; }

    /// <summary>The global statistics every shard is scored with.</summary>
    public CollectionStatistics Statistics { get; }

    /// <summary>How shards walk their postings (default: chosen per query); every choice returns the same run.</summary>
    public Bm25Traversal Traversal { get; set; } = Bm25Traversal.Auto;

    /// <summary>The top <paramref name="k"/> documents for one query, best first.</summary>
    public IReadOnlyList<ScoredDoc> Search(string queryText, int k)
    {
        var terms = QueryTerms.Analyze(Analyzer, queryText);
        if (_shards.Length == 1)
        {
            return _shards[0].Search(terms, k, Traversal);
        }
        var all = new List<ScoredDoc>();
        foreach (var shard in _shards)
        {
            all.AddRange(shard.Search(terms, k, Traversal));
        }
        return Merge(all, k);
    }

    /// <summary>
    /// Searches every query (in parallel, up to <paramref name="maxDegreeOfParallelism"/> threads; -1: all cores) and
    /// returns a run whose queries keep the input order.
    /// </summary>
    public TrecRun SearchAll(IReadOnlyList<Query> queries, int k, string runId, int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var results = new IReadOnlyList<ScoredDoc>[queries.Count];
        Parallel.For(0, queries.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            i => results[i] = Search(queries[i].Text, k));
        return TrecRun.FromRankings(runId, queries.Select((q, i) => (q.QueryId, results[i])));
    }

    /// <summary>Merges per-shard lists into the top <paramref name="k"/>: score descending, ties by doc id descending (ordinal).</summary>
    public static IReadOnlyList<ScoredDoc> Merge(IEnumerable<ScoredDoc> hits, int k)
    {
        var list = hits.ToList();
        list.Sort(static (x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            return c != 0 ? c : string.CompareOrdinal(y.DocId, x.DocId);
        });
        return list.Count > k ? list.GetRange(0, k) : list;
    }
}
