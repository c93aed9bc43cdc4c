using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>relative_P</c>: relevant retrieved at k / min(k, R), at each cutoff.</summary>
internal sealed class RelativePrecisionMeasure(string? parameters)
    : CutoffMeasure("relative_P", MeasureParameters.LongCutoffs("relative_P", parameters, DefaultCutoffs.Standard))
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
        var numRel = query.NumRel;
        if (numRel == 0)
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
                values[index] = relSoFar / (double)(i > numRel ? numRel : i);
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
            var k = cutoffs[index];
            values[index] = relSoFar / (double)(k > numRel ? numRel : k);
        }
    }
}
