using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>ndcg_cut</c>: nDCG at each cutoff, gain = grade (not overridable), discount log2(rank + 1); the ideal DCG at
/// a cutoff uses the judged grades in decreasing order.
/// </summary>
internal sealed class NdcgCutMeasure(string? parameters)
    : CutoffMeasure("ndcg_cut", MeasureParameters.LongCutoffs("ndcg_cut", parameters, DefaultCutoffs.Standard))
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
        var cutoffs = Cutoffs;
        var rels = query.Rels;
        var index = 0;
        var sum = 0.0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (i == cutoffs[index])
            {
                values[index] = sum;
                if (++index == cutoffs.Length)
                {
                    break;
                }
            }
            double gain = rels[i];
            if (gain > 0)
            {
                sum += gain / Math.Log2(i + 2);
            }
        }
        for (; index < cutoffs.Length; index++)
        {
            values[index] = sum;
        }

        var relLevels = query.RelLevels;
        index = 0;
        var curLevel = query.NumRelLevels - 1;
        long levelCount = 0;
        var idealDcg = 0.0;
        for (long i = 0; ; i++)
        {
            levelCount++;
            while (curLevel > 0 && levelCount > relLevels[curLevel])
            {
                curLevel--;
                levelCount = 1;
            }
            if (curLevel == 0)
            {
                break;
            }
            if (i == cutoffs[index])
            {
                if (idealDcg > 0.0)
                {
                    values[index] /= idealDcg;
                }
                if (++index == cutoffs.Length)
                {
                    break;
                }
            }
            double gain = curLevel;
            idealDcg += gain / Math.Log2(i + 2);
        }
        for (; index < cutoffs.Length; index++)
        {
            if (idealDcg > 0.0)
            {
                values[index] /= idealDcg;
            }
        }
    }
}
