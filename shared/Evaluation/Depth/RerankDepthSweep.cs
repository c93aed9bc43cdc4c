using Pipeline.Evaluation.Text;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Depth;

/// <summary>
/// What reranking only the top <i>d</i> candidates of a first-stage run would have scored, for several depths
/// <i>d</i>, computed from one first-stage run and one reranked run (which reranked at least as deep as the
/// largest <i>d</i>, or every candidate).
/// </summary>
/// <remarks>
/// <para>
/// The run <b>reranked at depth d</b> holds, for each query of the first-stage run, every first-stage document,
/// in this order:
/// </para>
/// <list type="number">
/// <item>the first-stage top <i>d</i> documents that the reranked run has, in the reranked run's order;</item>
/// <item>the first-stage top <i>d</i> documents that the reranked run lacks, in first-stage order;</item>
/// <item>the first-stage documents below <i>d</i>, in first-stage order.</item>
/// </list>
/// <para>
/// "Order" is always trec_eval's: score descending, ties by document id descending (UTF-8 bytes); the rank column
/// is never used. Documents the reranked run has outside the first-stage top <i>d</i>, and queries the first-stage
/// run lacks, take no part. A query the reranked run lacks keeps its first-stage order at every depth. Depth 0 is
/// the first-stage ranking; a depth at or beyond a query's candidate count reranks all of its candidates.
/// </para>
/// <para>
/// The built run gives the document at position <i>i</i> (0-based) of a query with <i>n</i> documents the
/// score <i>n − i</i>: distinct and descending, so trec_eval's ordering reproduces exactly the order above.
/// </para>
/// </remarks>
public static class RerankDepthSweep
{
    /// <summary>The first-stage run reranked at <paramref name="depth"/>, as described on <see cref="RerankDepthSweep"/>.</summary>
    /// <param name="firstStage">The first-stage run: the candidates and their order.</param>
    /// <param name="reranked">The reranked run: the new order of the candidates it has.</param>
    /// <param name="depth">How many first-stage candidates per query are reranked; at least 0.</param>
    /// <param name="runId">The run id of the result; default <c>{reranked.RunId}@{depth}</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is negative.</exception>
    public static TrecRun AtDepth(TrecRun firstStage, TrecRun reranked, int depth, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(firstStage);
        ArgumentNullException.ThrowIfNull(reranked);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return Prepare(firstStage, reranked).Build(depth, runId ?? $"{reranked.RunId}@{depth}");
    }

    /// <summary>
    /// Evaluates the first-stage run and the run reranked at each of <paramref name="depths"/>.
    /// </summary>
    /// <param name="qrels">The judgments.</param>
    /// <param name="firstStage">The first-stage run; evaluated as it is for <see cref="RerankDepthSweepResult.FirstStage"/>.</param>
    /// <param name="reranked">The reranked run.</param>
    /// <param name="depths">The depths, each at least 0; at least one. Kept in the given order (duplicates allowed).</param>
    /// <param name="measures">
    /// <c>-m</c> arguments (<c>ndcg_cut.10</c>, <c>map</c>, <c>official</c>...); they replace
    /// <paramref name="options"/>' <see cref="EvaluationOptions.Measures"/>. Null keeps those.
    /// </param>
    /// <param name="options">Every other evaluation setting (<c>-c</c>, <c>-l</c>, <c>-M</c>...); defaults when null.</param>
    /// <exception cref="ArgumentException">No depth is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A depth is negative.</exception>
    /// <exception cref="EvaluationException">As <see cref="TrecEvaluator.Evaluate"/>: an unknown measure, no evaluable query.</exception>
    public static RerankDepthSweepResult Compute(
        Qrels qrels,
        TrecRun firstStage,
        TrecRun reranked,
        IReadOnlyList<int> depths,
        IReadOnlyList<string>? measures = null,
        EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(firstStage);
        ArgumentNullException.ThrowIfNull(reranked);
        ArgumentNullException.ThrowIfNull(depths);
        if (depths.Count == 0)
        {
            throw new ArgumentException("At least one depth is required.", nameof(depths));
        }
        foreach (var depth in depths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(depth, nameof(depths));
        }
        options = WithMeasures(options ?? new EvaluationOptions(), measures);

        var baseline = TrecEvaluator.Evaluate(qrels, firstStage, options);
        var prepared = Prepare(firstStage, reranked);
        var results = new EvaluationResult[depths.Count];
        for (var i = 0; i < depths.Count; i++)
        {
            var run = prepared.Build(depths[i], $"{reranked.RunId}@{depths[i]}");
            results[i] = TrecEvaluator.Evaluate(qrels, run, options);
        }
        return new RerankDepthSweepResult([.. depths], baseline, results);
    }

    /// <summary>
    /// A copy of <paramref name="options"/> with other measures. EvaluationOptions is init-only; every property
    /// is copied here, so a property added there must be added here too (a test pins this by reflection).
    /// </summary>
    internal static EvaluationOptions WithMeasures(EvaluationOptions options, IReadOnlyList<string>? measures) =>
        measures is null
            ? options
            : new EvaluationOptions
            {
                Measures = measures,
                RelevanceLevel = options.RelevanceLevel,
                MaxDocsPerQuery = options.MaxDocsPerQuery,
                CompleteQueries = options.CompleteQueries,
                PerQuery = options.PerQuery,
                PrintSummary = options.PrintSummary,
                JudgedDocsOnly = options.JudgedDocsOnly,
                NumDocsInCollection = options.NumDocsInCollection,
                MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            };

    private static PreparedRuns Prepare(TrecRun firstStage, TrecRun reranked)
    {
        var queries = new PreparedQuery[firstStage.QueryCount];
        for (var q = 0; q < queries.Length; q++)
        {
            var queryId = firstStage.QueryIds[q];
            var candidates = TrecOrder(firstStage.ForQuery(queryId)!);
            Dictionary<string, int>? rerankedPosition = null;
            if (reranked.ForQuery(queryId) is { } rerankedDocs)
            {
                var order = TrecOrder(rerankedDocs);
                rerankedPosition = new Dictionary<string, int>(order.Length, StringComparer.Ordinal);
                for (var i = 0; i < order.Length; i++)
                {
                    rerankedPosition[order[i]] = i;
                }
            }
            queries[q] = new PreparedQuery(queryId, candidates, rerankedPosition);
        }
        return new PreparedRuns(queries);
    }

    /// <summary>Document ids in trec_eval's order: score descending, ties by document id descending (UTF-8 bytes).</summary>
    private static string[] TrecOrder(IReadOnlyList<ScoredDoc> docs)
    {
        var sorted = docs.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : ByteOrder.CompareStrings(b.DocId, a.DocId);
        });
        var ids = new string[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            ids[i] = sorted[i].DocId;
        }
        return ids;
    }

    private sealed record PreparedQuery(string QueryId, string[] Candidates, Dictionary<string, int>? RerankedPosition);

    private sealed class PreparedRuns(PreparedQuery[] queries)
    {
        public TrecRun Build(int depth, string runId) => TrecRun.FromResults(runId, Lines(depth));

        private IEnumerable<(string QueryId, string DocId, double Score)> Lines(int depth)
        {
            foreach (var query in queries)
            {
                var candidates = query.Candidates;
                var n = candidates.Length;
                var top = Math.Min(depth, n);
                var ordered = new List<string>(n);
                if (query.RerankedPosition is { } position)
                {
                    var rerankedTop = new List<(int Position, string DocId)>(top);
                    for (var i = 0; i < top; i++)
                    {
                        if (position.TryGetValue(candidates[i], out var p))
                        {
                            rerankedTop.Add((p, candidates[i]));
                        }
                    }
                    rerankedTop.Sort(static (a, b) => a.Position.CompareTo(b.Position));
                    foreach (var (_, docId) in rerankedTop)
                    {
                        ordered.Add(docId);
                    }
                    for (var i = 0; i < top; i++)
                    {
                        if (!position.ContainsKey(candidates[i]))
                        {
                            ordered.Add(candidates[i]);
                        }
                    }
                }
                else
                {
                    ordered.AddRange(candidates.AsSpan(0, top));
                }
                ordered.AddRange(candidates.AsSpan(top));
                for (var i = 0; i < n; i++)
                {
                    yield return (query.QueryId, ordered[i], n - i);
                }
            }
        }
    }
}
