using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>infAP</c>: inferred AP (Yilmaz and Aslam), for qrels that judged a sample of the pool.</summary>
internal sealed class InfApMeasure() : SingleValueMeasure("infAP")
{
    private const double Epsilon = .00001;

    protected override double Compute(RankedQuery query)
    {
        var rels = query.Rels;
        var level = query.RelevanceLevel;
        long nonrelSoFar = 0, relSoFar = 0, poolUnjudgedSoFar = 0;
        var infAp = 0.0;
        for (var j = 0; j < rels.Length; j++)
        {
            var rel = rels[j];
            if (rel == RelevanceValue.NotPooled)
            {
                continue;
            }
            if (rel == RelevanceValue.Unjudged)
            {
                poolUnjudgedSoFar++;
                continue;
            }
            if (rel >= 0 && rel < level)
            {
                nonrelSoFar++;
                continue;
            }
            relSoFar++;
            if (j == 0)
            {
                infAp += 1.0;
            }
            else
            {
                double fj = j;
                infAp += 1.0 / (fj + 1.0)
                    + fj / (fj + 1.0)
                    * ((relSoFar - 1 + nonrelSoFar + poolUnjudgedSoFar) / fj)
                    * ((relSoFar - 1 + Epsilon) / (relSoFar - 1 + nonrelSoFar + 2 * Epsilon));
            }
        }
        if (query.NumRel != 0)
        {
            infAp /= query.NumRel;
        }
        return infAp;
    }
}
