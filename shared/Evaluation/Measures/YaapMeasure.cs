using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>yaap</c>: Robertson's "yet another average precision", log((1 + s) / (1 + R - s)). Not in all_trec.</summary>
internal sealed class YaapMeasure() : SingleValueMeasure("yaap")
{
    protected override double Compute(RankedQuery query)
    {
        var rels = query.Rels;
        long relSoFar = 0;
        var sum = 0.0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (rels[i] >= query.RelevanceLevel)
            {
                relSoFar++;
                sum += relSoFar / (double)(i + 1);
            }
        }
        return Math.Log((1.0 + sum) / (1.0 + query.NumRel - sum));
    }
}
