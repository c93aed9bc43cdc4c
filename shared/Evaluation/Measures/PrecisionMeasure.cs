using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>P</c>: precision at each cutoff; missing ranks count as non-relevant.</summary>
internal sealed class PrecisionMeasure(string? parameters)
    : CutoffMeasure("P", MeasureParameters.LongCutoffs("P", parameters, DefaultCutoffs.Standard))
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
                values[index] = relSoFar / (double)i;
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
            values[index] = relSoFar / (double)cutoffs[index];
        }
    }
}
