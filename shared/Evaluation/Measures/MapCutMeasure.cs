using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>map_cut</c>: average precision of the ranking cut at each cutoff (divided by all relevant).</summary>
internal sealed class MapCutMeasure(string? parameters)
    : CutoffMeasure("map_cut", MeasureParameters.LongCutoffs("map_cut", parameters, DefaultCutoffs.Standard))
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
        var sum = 0.0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (i == cutoffs[index])
            {
                values[index] = sum / query.NumRel;
                if (++index == cutoffs.Length)
                {
                    break;
                }
            }
            if (rels[i] >= query.RelevanceLevel)
            {
                relSoFar++;
                sum += relSoFar / (double)(i + 1);
            }
        }
        for (; index < cutoffs.Length; index++)
        {
            values[index] = sum / query.NumRel;
        }
    }
}
