using System.Globalization;
using Pipeline.Evaluation;
using Pipeline.Formats.Trec;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// The job's measures evaluated as trec_eval would: measures without a cut together, each <c>@N</c> cut as its own
/// evaluation with <c>-M N</c>; values named as trec_eval prints them (<c>ndcg_cut_10</c>), cut ones with their
/// suffix (<c>recip_rank@10</c>).
/// </summary>
internal static class MeasureSet
{
    /// <summary><c>recip_rank@10</c> → (<c>recip_rank</c>, 10); <c>map</c> → (<c>map</c>, null).</summary>
    public static (string Measure, int? Cut) Split(string specification)
    {
        var at = specification.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (specification, null) : (specification[..at], int.Parse(specification[(at + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Every comparable value of <paramref name="measures"/> for <paramref name="run"/>: value name → (summary, per query).
    /// <paramref name="complete"/> evaluates every qrels query (trec_eval <c>-c</c>), as significance tests need.
    /// </summary>
    public static List<(string Name, double Summary, IReadOnlyDictionary<string, double> PerQuery)> Evaluate(
        Qrels qrels, TrecRun run, IReadOnlyList<string> measures, int relevanceLevel, bool complete)
    {
        var results = new List<(int Position, string Name, double Summary, IReadOnlyDictionary<string, double> PerQuery)>();
        var parsed = measures.Select(Split).ToList();
        foreach (var group in parsed.GroupBy(m => m.Cut))
        {
            var options = new EvaluationOptions
            {
                Measures = [.. group.Select(m => m.Measure)],
                RelevanceLevel = relevanceLevel,
                MaxDocsPerQuery = group.Key,
                CompleteQueries = complete,
                PerQuery = true,
            };
            var evaluation = TrecEvaluator.Evaluate(qrels, run, options);
            foreach (var value in MeasureValueNames.Resolve(options.Measures, options).Where(v => v.IsComparable))
            {
                var name = group.Key is { } cut ? string.Create(CultureInfo.InvariantCulture, $"{value.Name}@{cut}") : value.Name;
                var position = parsed.FindIndex(m => m.Cut == group.Key && m.Measure == value.Specification);
                results.Add((position, name, evaluation.Summary(value.Name), evaluation.PerQueryValues(value.Name)));
            }
        }
        // In the order the spec lists the measures; a measure's values (P_5, P_10) in trec_eval's order.
        return [.. results.Select((r, i) => (r, i)).OrderBy(x => x.r.Position).ThenBy(x => x.i).Select(x => (x.r.Name, x.r.Summary, x.r.PerQuery))];
    }
}
