using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>ndcg</c> (and <c>dcg</c>, <c>ideal_dcg</c>, which share its computation): DCG over the whole ranking with
/// gain = grade (linear, overridable with <c>level=gain</c> pairs) and discount log2(rank + 1), normalized by the
/// ideal DCG of the query's judgments.
/// </summary>
internal sealed class NdcgMeasure : SingleValueMeasure
{
    private readonly Gains _gains;
    private readonly Output _output;

    private NdcgMeasure(string name, string? parameters, Output output)
        : base(name, ValueSlot.Mean(MeasureParameters.PrintedName(name, parameters)))
    {
        _gains = new Gains(MeasureParameters.Pairs(name, parameters));
        _output = output;
    }

    private enum Output
    {
        Normalized,
        Dcg,
        IdealDcg,
    }

    public static NdcgMeasure Ndcg(string? parameters) => new("ndcg", parameters, Output.Normalized);

    public static NdcgMeasure Dcg(string? parameters) => new("dcg", parameters, Output.Dcg);

    public static NdcgMeasure IdealDcg(string? parameters) => new("ideal_dcg", parameters, Output.IdealDcg);

    protected override double Compute(RankedQuery query)
    {
        var gains = _gains.Setup(query);
        var rels = query.Rels;
        var resultsDcg = 0.0;
        var idealDcg = 0.0;
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
                idealDcg += idealGain / Math.Log2(i + 2);
            }
        }
        for (; i < rels.Length; i++)
        {
            var resultsGain = Gains.Get(rels[i], gains);
            if (resultsGain != 0)
            {
                resultsDcg += resultsGain / Math.Log2(i + 2);
            }
        }
        while (idealGain > 0.0)
        {
            idealGain = ideal.Next();
            if (idealGain > 0.0)
            {
                idealDcg += idealGain / Math.Log2(i + 2);
            }
            i++;
        }
        return _output switch
        {
            Output.Dcg => resultsDcg,
            Output.IdealDcg => idealDcg,
            _ => idealDcg > 0.0 ? resultsDcg / idealDcg : 0.0,
        };
    }
}
