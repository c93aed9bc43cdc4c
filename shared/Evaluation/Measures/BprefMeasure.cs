using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>bpref</c> and <c>gm_bpref</c> (geometric mean over queries, summary only): for each judged relevant document,
/// the fraction of the top R judged non-relevant documents ranked below it.
/// </summary>
internal sealed class BprefMeasure : SingleValueMeasure
{
    private readonly bool _geometric;

    private BprefMeasure(string name, bool geometric)
        : base(name, geometric ? new ValueSlot(name, ValueKind.Double, false, true, Averaging.GeometricMean) : ValueSlot.Mean(name))
    {
        _geometric = geometric;
    }

    public static BprefMeasure Bpref() => new("bpref", false);

    public static BprefMeasure GeometricBpref() => new("gm_bpref", true);

    protected override double Compute(RankedQuery query)
    {
        var level = query.RelevanceLevel;
        var relLevels = query.RelLevels;
        long numNonrel = 0;
        for (var j = 0; j < level && j < relLevels.Length; j++)
        {
            numNonrel += relLevels[j];
        }
        var numRel = query.NumRel;
        long nonrelSoFar = 0;
        var bpref = 0.0;
        foreach (var rel in query.Rels)
        {
            if (rel == RelevanceValue.NotPooled || rel == RelevanceValue.Unjudged)
            {
                continue;
            }
            if (rel >= 0 && rel < level)
            {
                nonrelSoFar++;
            }
            else if (nonrelSoFar > 0)
            {
                bpref += 1.0 - Math.Min(nonrelSoFar, numRel) / (double)Math.Min(numNonrel, numRel);
            }
            else
            {
                bpref += 1.0;
            }
        }
        if (numRel != 0)
        {
            bpref /= numRel;
        }
        return _geometric ? Math.Log(Math.Max(bpref, GeometricMean.MinValue)) : bpref;
    }
}
