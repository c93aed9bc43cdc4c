using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>recall</c>: relevant retrieved / relevant, at each cutoff.</summary>
internal sealed class RecallMeasure(string? parameters)
    : CutoffMeasure("recall", MeasureParameters.LongCutoffs("recall", parameters, DefaultCutoffs.Standard))
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
        if (query.NumRel == 0)
        {
            return;
        }
        var cutoffs = Cutoffs;
        var rels = query.Rels;
        var index = 0;
        long relSoFar = 0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (i == cutoffs[index])
            {
                values[index] = relSoFar / (double)query.NumRel;
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
            values[index] = relSoFar / (double)query.NumRel;
        }
    }
}
