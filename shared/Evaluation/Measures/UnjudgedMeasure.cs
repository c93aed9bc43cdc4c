using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>unj</c>: fraction of the top k documents that are not judged (absent or negative grade), per cutoff.</summary>
internal sealed class UnjudgedMeasure(string? parameters)
    : CutoffMeasure("unj", MeasureParameters.LongCutoffs("unj", parameters, DefaultCutoffs.Unjudged))
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
        var cutoffs = Cutoffs;
        var rels = query.Rels;
        var index = 0;
        long unjudgedSoFar = 0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (i == cutoffs[index])
            {
                values[index] = unjudgedSoFar / (double)i;
                if (++index == cutoffs.Length)
                {
                    break;
                }
            }
            if (rels[i] == RelevanceValue.NotPooled || rels[i] == RelevanceValue.Unjudged)
            {
                unjudgedSoFar++;
            }
        }
        for (; index < cutoffs.Length; index++)
        {
            values[index] = unjudgedSoFar / (double)cutoffs[index];
        }
    }
}
