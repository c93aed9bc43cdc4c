using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>ndcg_rel</c>: nDCG averaged over the relevant documents (experimental); gains as for ndcg.</summary>
internal sealed class NdcgRelMeasure : SingleValueMeasure
{
    private readonly Gains _gains;

    public NdcgRelMeasure(string? parameters)
        : base("ndcg_rel", ValueSlot.Mean(MeasureParameters.PrintedName("ndcg_rel", parameters)))
    {
        _gains = new Gains(MeasureParameters.Pairs("ndcg_rel", parameters));
    }

    protected override double Compute(RankedQuery query)
    {
        var gains = _gains.Setup(query);
        var rels = query.Rels;
        var resultsDcg = 0.0;
        var idealDcg = 0.0;
        var sum = 0.0;
        long numRelRet = 0;
        long numRel = 0;
        var ideal = new IdealGainCursor(gains);
        var idealGain = ideal.Gain;
        int i;
        for (i = 0; i < rels.Length && idealGain > 0.0; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            if (resultsGain != 0)
            {
                resultsDcg += resultsGain / Math.Log2(i + 2);
            }
            idealGain = ideal.Next();
            if (idealGain > 0.0)
            {
                numRel++;
                idealDcg += idealGain / Math.Log2(i + 2);
            }
            if (resultsGain > 0)
            {
                sum += resultsDcg / idealDcg;
                numRelRet++;
            }
        }
        for (; i < rels.Length; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            if (resultsGain != 0)
            {
                resultsDcg += resultsGain / Math.Log2(i + 2);
            }
            if (resultsGain > 0)
            {
                sum += resultsDcg / idealDcg;
                numRelRet++;
            }
        }
        while (idealGain > 0.0)
        {
            idealGain = ideal.Next();
            if (idealGain > 0.0)
            {
                numRel++;
                idealDcg += idealGain / Math.Log2(i + 2);
            }
            i++;
        }
        sum += (numRel - numRelRet) * resultsDcg / idealDcg;
        return sum > 0.0 ? sum / numRel : 0.0;
    }
}
