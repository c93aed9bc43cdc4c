using Pipeline.Evaluation.Measures;
using Pipeline.Evaluation.Ranking;
using Pipeline.Evaluation.Text;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation;

/// <summary>
/// Evaluates a TREC run against qrels with trec_eval 10.0's semantics, value for value: documents ranked by score
/// descending with ties broken by document id descending (the rank column is ignored); qrels queries taken in
/// byte order of their ids; run queries absent from the qrels ignored; a negative grade means judged-as-unjudged
/// (pooled, no gain); sums and averages in the same order and precision as trec_eval, so the printed 4-decimal text
/// is identical.
/// </summary>
public static class TrecEvaluator
{
    /// <summary>The placeholder ranking trec_eval 10.0 evaluates under <c>-c</c> for a query the run lacks.</summary>
    private static readonly ScoredDoc[] MissingQueryRanking = [new("ceci_nest_pas_un_docno", 1.0)];

    private const int SequentialQueryLimit = 32;

    /// <summary>Evaluates <paramref name="run"/> against <paramref name="qrels"/>.</summary>
    /// <exception cref="EvaluationException">
    /// An unknown measure or malformed measure parameters, a negative <see cref="EvaluationOptions.MaxDocsPerQuery"/>,
    /// or no query with both results and judgments.
    /// </exception>
    public static EvaluationResult Evaluate(Qrels qrels, TrecRun run, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(run);
        options ??= new EvaluationOptions();
        if (options.MaxDocsPerQuery < 0)
        {
            throw new EvaluationException("the maximum number of documents per query (-M) must not be negative");
        }

        var measures = MeasureCatalog.Select(options.Measures, options);
        var slots = new List<ValueSlot>();
        var offsets = new int[measures.Count];
        RelStringMeasure? relString = null;
        var relStringSlot = -1;
        for (var m = 0; m < measures.Count; m++)
        {
            offsets[m] = slots.Count;
            if (measures[m] is RelStringMeasure r)
            {
                relString = r;
                relStringSlot = slots.Count;
            }
            slots.AddRange(measures[m].Slots);
        }
        var slotArray = slots.ToArray();

        var (queryIds, rankings) = SelectQueries(qrels, run, options.CompleteQueries);
        var queryCount = queryIds.Length;
        var width = slotArray.Length;
        var values = new double[queryCount * width];
        var relStrings = relString is null ? null : new string[queryCount];
        var missingCleanup = MissingQueryCleanup(slotArray);

        void EvaluateQuery(int q, RankingBuilder builder)
        {
            var ranked = builder.Build(queryIds[q], rankings[q], qrels.ForQuery(queryIds[q])!);
            var row = values.AsSpan(q * width, width);
            for (var m = 0; m < measures.Count; m++)
            {
                measures[m].Compute(ranked, row.Slice(offsets[m], measures[m].Slots.Count));
            }
            if (relStrings is not null)
            {
                relStrings[q] = relString!.Format(ranked);
            }
            if (ReferenceEquals(rankings[q], MissingQueryRanking))
            {
                // trec_eval 10.0 then resets the values its placeholder document would otherwise disturb.
                foreach (var slot in missingCleanup)
                {
                    row[slot] = 0;
                }
                if (relStrings is not null && slotArray[relStringSlot].Name == "relstring")
                {
                    relStrings[q] = string.Empty;
                }
            }
        }

        var maxDocs = options.MaxDocsPerQuery ?? long.MaxValue;
        var parallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        if (queryCount <= SequentialQueryLimit || parallelism <= 1)
        {
            var builder = new RankingBuilder(options.RelevanceLevel, maxDocs, options.JudgedDocsOnly);
            for (var q = 0; q < queryCount; q++)
            {
                EvaluateQuery(q, builder);
            }
        }
        else
        {
            Parallel.For(
                0,
                queryCount,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                () => new RankingBuilder(options.RelevanceLevel, maxDocs, options.JudgedDocsOnly),
                (q, _, builder) =>
                {
                    EvaluateQuery(q, builder);
                    return builder;
                },
                static _ => { });
        }

        var summary = Summarize(qrels, options, slotArray, values, queryCount);
        return new EvaluationResult(run.RunId, options, queryIds, slotArray, values, summary, relStrings);
    }

    private static (string[] QueryIds, IReadOnlyList<ScoredDoc>[] Rankings) SelectQueries(Qrels qrels, TrecRun run, bool complete)
    {
        var sorted = qrels.QueryIds.ToArray();
        Array.Sort(sorted, ByteOrder.Instance);
        var queryIds = new List<string>(sorted.Length);
        var rankings = new List<IReadOnlyList<ScoredDoc>>(sorted.Length);
        foreach (var queryId in sorted)
        {
            var judgments = qrels.ForQuery(queryId)!;
            foreach (var grade in judgments.Values)
            {
                if (grade > QueryJudgments.MaxGrade)
                {
                    throw new EvaluationException(
                        $"query '{queryId}' has relevance grade {grade}; grades above {QueryJudgments.MaxGrade} are not supported");
                }
            }
            var docs = run.ForQuery(queryId);
            if (docs is null)
            {
                if (!complete)
                {
                    continue;
                }
                docs = MissingQueryRanking;
            }
            queryIds.Add(queryId);
            rankings.Add(docs);
        }
        if (queryIds.Count == 0)
        {
            throw new EvaluationException(
                $"no query has both results and relevance judgments (the run has {run.QueryCount} queries, the qrels {qrels.QueryCount}; check that they are for the same topics)");
        }
        return ([.. queryIds], [.. rankings]);
    }

    /// <summary>The slots trec_eval 10.0 zeroes for a query missing from the run (matched by exact printed name).</summary>
    private static int[] MissingQueryCleanup(ValueSlot[] slots)
    {
        var cleanup = new List<int>();
        for (var s = 0; s < slots.Length; s++)
        {
            var name = slots[s].Name;
            if (name is "num_ret" or "utility" or "rbp_resid" || name.StartsWith("unj", StringComparison.Ordinal))
            {
                cleanup.Add(s);
            }
        }
        return [.. cleanup];
    }

    private static double[] Summarize(Qrels qrels, EvaluationOptions options, ValueSlot[] slots, double[] values, int queryCount)
    {
        var width = slots.Length;
        var sums = new double[width];
        for (var q = 0; q < queryCount; q++)
        {
            var row = values.AsSpan(q * width, width);
            for (var s = 0; s < width; s++)
            {
                sums[s] += row[s];
            }
        }

        long averagedOver = options.CompleteQueries ? qrels.QueryCount : queryCount;
        for (var s = 0; s < width; s++)
        {
            switch (slots[s].Averaging)
            {
                case Averaging.Mean:
                    if (averagedOver != 0)
                    {
                        sums[s] /= averagedOver;
                    }
                    break;
                case Averaging.GeometricMean:
                    if (averagedOver > 0)
                    {
                        var sum = sums[s];
                        if (options.CompleteQueries)
                        {
                            sum += (averagedOver - queryCount) * Math.Log(GeometricMean.MinValue);
                        }
                        sums[s] = Math.Exp(sum / averagedOver);
                    }
                    break;
                case Averaging.QueryCount:
                    sums[s] = averagedOver;
                    break;
                case Averaging.RelevantCount:
                    if (options.CompleteQueries)
                    {
                        sums[s] = CountPositiveGrades(qrels);
                    }
                    break;
                case Averaging.Sum:
                case Averaging.None:
                default:
                    break;
            }
        }
        return sums;
    }

    private static long CountPositiveGrades(Qrels qrels)
    {
        long count = 0;
        foreach (var queryId in qrels.QueryIds)
        {
            foreach (var grade in qrels.ForQuery(queryId)!.Values)
            {
                if (grade > 0)
                {
                    count++;
                }
            }
        }
        return count;
    }
}
