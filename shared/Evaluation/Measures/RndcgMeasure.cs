using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>Rndcg</c>: nDCG averaged at the R-level boundaries of the ideal ranking (experimental).</summary>
internal sealed class RndcgMeasure : SingleValueMeasure
{
    private readonly Gains _gains;

    public RndcgMeasure(string? parameters)
        : base("Rndcg", ValueSlot.Mean(MeasureParameters.PrintedName("Rndcg", parameters)))
    {
        _gains = new Gains(MeasureParameters.Pairs("Rndcg", parameters));
    }

    protected override double Compute(RankedQuery query)
    {
        var gains = _gains.Setup(query);
        if (query.NumRel == 0)
        {
            return 0.0;
        }
        var rels = query.Rels;
        var resultsDcg = 0.0;
        var idealDcg = 0.0;
        var sum = 0.0;
        var ideal = new IdealGainCursor(gains);
        var idealGain = ideal.Gain;
        var oldIdealGain = idealGain;
        long numChanged = 0;
        int i;
        for (i = 0; i < rels.Length && idealGain > 0.0; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            idealGain = ideal.Next();
            if (oldIdealGain != idealGain)
            {
                if (idealDcg > 0.0)
                {
                    sum += resultsDcg / idealDcg;
                    numChanged++;
                }
                oldIdealGain = idealGain;
            }
            if (resultsGain != 0)
            {
                resultsDcg += resultsGain / Math.Log2(i + 2);
            }
            if (idealGain > 0.0)
            {
                idealDcg += idealGain / Math.Log2(i + 2);
            }
        }
        if (i < rels.Length)
        {
            for (; i < rels.Length; i++)
            {
                var resultsGain = Gains.Get(rels[i], gains);
                if (resultsGain != 0)
                {
                    resultsDcg += resultsGain / Math.Log2(i + 2);
                }
            }
            if (idealDcg > 0.0)
            {
                sum += resultsDcg / idealDcg;
                numChanged++;
            }
        }
        while (idealGain > 0.0)
        {
            idealGain = ideal.Next();
            if (oldIdealGain != idealGain)
            {
                if (idealDcg > 0.0)
                {
                    sum += resultsDcg / idealDcg;
                    numChanged++;
                }
                oldIdealGain = idealGain;
            }
            if (idealGain > 0.0)
            {
                idealDcg += idealGain / Math.Log2(i + 2);
            }
            i++;
        }
        return sum / numChanged;
    }
}
