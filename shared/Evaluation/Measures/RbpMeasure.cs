using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>rbp</c>: rank-biased precision (1 - p) * sum gain(i) p^(i-1), p = 0.9 unless <c>p=...</c>; gains as for ndcg,
/// rescaled to [0, 1] when they leave it.
/// </summary>
/// <remarks>
/// trec_eval's m_rbp.c starts its minimum and maximum gain from uninitialised variables; within <c>-m all_trec</c>
/// (and for <c>-m rbp</c> alone) they hold 0, which is what is used here. When rbp follows ndcg, ndcg_rel or G in
/// a smaller measure list, trec_eval's result depends on leftover stack memory and is not reproduced.
/// </remarks>
internal sealed class RbpMeasure : SingleValueMeasure
{
    private readonly Gains _gains;
    private readonly double _p;

    public RbpMeasure(string? parameters)
        : base("rbp", ValueSlot.Mean(MeasureParameters.PrintedName("rbp", parameters)))
    {
        var pairs = MeasureParameters.Pairs("rbp", parameters);
        _gains = new Gains(pairs);
        _p = PersistenceOf(pairs);
    }

    /// <summary>The last <c>p=</c> pair, or 0.9.</summary>
    public static double PersistenceOf((string Name, double Value)[] pairs)
    {
        var p = 0.9;
        foreach (var (name, value) in pairs)
        {
            if (name == "p")
            {
                p = value;
            }
        }
        return p;
    }

    protected override double Compute(RankedQuery query)
    {
        var gains = _gains.Setup(query);
        var min = 0.0;
        var max = 0.0;
        foreach (var level in gains)
        {
            if (level.Gain < min)
            {
                min = level.Gain;
            }
            if (level.Gain > max)
            {
                max = level.Gain;
            }
        }
        if (min < 0 || max > 1)
        {
            for (var i = 0; i < gains.Length; i++)
            {
                gains[i].Gain = (gains[i].Gain - min) / (max - min);
            }
        }
        var sum = 0.0;
        var curP = 1.0;
        foreach (var rel in query.Rels)
        {
            var gain = Gains.Get(rel, gains);
            if (gain != 0)
            {
                sum += gain * curP;
            }
            curP *= _p;
        }
        return (1.0 - _p) * sum;
    }
}
