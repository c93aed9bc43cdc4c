using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>G</c>: trec_eval's normalized gain measure with a cost model (experimental); gains as for ndcg.</summary>
internal sealed class GainMeasure : SingleValueMeasure
{
    private readonly Gains _gains;

    public GainMeasure(string? parameters)
        : base("G", ValueSlot.Mean(MeasureParameters.PrintedName("G", parameters)))
    {
        _gains = new Gains(MeasureParameters.Pairs("G", parameters));
    }

    protected override double Compute(RankedQuery query)
    {
        var gains = _gains.Setup(query);
        var rels = query.Rels;
        var resultsG = 0.0;
        var sumResults = 0.0;
        var sumIdeal = 0.0;
        var sumCost = 0.0;
        var ideal = new IdealGainCursor(gains);
        var idealGain = ideal.Gain;
        const double minCost = 1.0;
        int i;
        for (i = 0; i < rels.Length && idealGain > 0.0; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            sumResults += resultsGain;
            idealGain = ideal.Next();
            if (idealGain > 0.0)
            {
                sumIdeal += idealGain;
            }
            sumCost += idealGain >= minCost ? idealGain : minCost;
            if (resultsGain != 0)
            {
                resultsG += resultsGain / Math.Log2(2 + sumCost - sumResults);
            }
        }
        for (; i < rels.Length; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            sumResults += resultsGain;
            sumCost += minCost;
            if (resultsGain != 0)
            {
                resultsG += resultsGain / Math.Log2(2 + sumCost - sumResults);
            }
        }
        while (idealGain > 0.0)
        {
            idealGain = ideal.Next();
            if (idealGain > 0.0)
            {
                sumIdeal += idealGain;
            }
        }
        return sumIdeal > 0.0 ? resultsG / sumIdeal : 0.0;
    }
}
