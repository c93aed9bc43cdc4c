using Pipeline.Text;

namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// An analyzed query: its distinct terms in order of first occurrence, each with its count (a repeated term weighs
/// as many times as it occurs, as Anserini's bag-of-words queries). Scores add term contributions in this order.
/// </summary>
public sealed class QueryTerms
{
    private QueryTerms(string[] terms, int[] counts)
    {
        Terms = terms;
        Counts = counts;
    }

    /// <summary>Distinct terms in order of first occurrence.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>How often each term occurs in the query.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Analyzes <paramref name="text"/> with <paramref name="analyzer"/>.</summary>
    public static QueryTerms Analyze(Analyzer analyzer, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var terms = new List<string>();
        var counts = new List<int>();
        foreach (var term in analyzer.Analyze(text))
        {
            var i = terms.IndexOf(term);
            if (i < 0)
            {
                terms.Add(term);
                counts.Add(1);
            }
            else
            {
                counts[i]++;
            }
        }
        return new QueryTerms([.. terms], [.. counts]);
    }
}
