using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>recip_rank</c>: 1 / rank of the first relevant document (<c>-M 10</c> gives MRR@10).</summary>
internal sealed class RecipRankMeasure() : SingleValueMeasure("recip_rank")
{
    protected override double Compute(RankedQuery query)
    {
        var rels = query.Rels;
        for (var i = 0; i < rels.Length; i++)
        {
            if (rels[i] >= query.RelevanceLevel)
            {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }
}
