using System.Globalization;

namespace Pipeline.Evaluation.Ranking;

/// <summary>
/// The part of a query's ranking that depends on its qrels only: grades at or above the relevance level and the
/// number of judged documents at each non-negative grade.
/// </summary>
internal static class QueryJudgments
{
    /// <summary>The highest grade the evaluator accepts; trec_eval allocates one counter per grade up to the maximum.</summary>
    public const int MaxGrade = 1 << 20;

    /// <summary>
    /// Fills the level counts of <paramref name="query"/> from <paramref name="judgments"/> and sets
    /// <see cref="RankedQuery.NumRel"/> and <see cref="RankedQuery.NumRelLevels"/>.
    /// </summary>
    public static void Count(string queryId, IReadOnlyDictionary<string, int> judgments, RankedQuery query)
    {
        var maxGrade = -1;
        foreach (var grade in judgments.Values)
        {
            if (grade > maxGrade)
            {
                maxGrade = grade;
            }
        }
        if (maxGrade > MaxGrade)
        {
            throw new EvaluationException(
                $"query '{queryId}' has relevance grade {maxGrade.ToString(CultureInfo.InvariantCulture)}; grades above {MaxGrade.ToString(CultureInfo.InvariantCulture)} are not supported");
        }
        if (maxGrade < 0)
        {
            // trec_eval keeps the previous query's level counts here (stale static state); an empty set is the
            // defined reading: no document has a non-negative grade.
            query.NumRelLevels = 0;
            query.NumRel = 0;
            return;
        }
        query.NumRelLevels = maxGrade + 1;
        var levels = query.RelLevelsBuffer(maxGrade + 1);
        foreach (var grade in judgments.Values)
        {
            if (grade >= 0)
            {
                levels[grade]++;
            }
        }
        long numRel = 0;
        for (var level = Math.Max(query.RelevanceLevel, 0); level <= maxGrade; level++)
        {
            numRel += levels[level];
        }
        query.NumRel = numRel;
    }
}
