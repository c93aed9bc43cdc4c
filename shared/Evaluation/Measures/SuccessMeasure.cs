using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>success</c>: 1 if a relevant document is in the top k, else 0, at each cutoff (default 1, 5, 10).</summary>
internal sealed class SuccessMeasure(string? parameters)
    : CutoffMeasure("success", MeasureParameters.LongCutoffs("success", parameters, DefaultCutoffs.Success))
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
        var cutoffs = Cutoffs;
        var rels = query.Rels;
        var index = 0;
        long relSoFar = 0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (i == cutoffs[index])
            {
                values[index] = relSoFar != 0 ? 1.0 : 0.0;
                if (++index == cutoffs.Length)
                {
                    break;
                }
            }
            if (rels[i] >= query.RelevanceLevel)
            {
                relSoFar++;
            }
        }
        for (; index < cutoffs.Length; index++)
        {
            values[index] = relSoFar != 0 ? 1.0 : 0.0;
        }
    }
}
