using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>map</c> (average precision) and <c>gm_map</c> (its geometric mean over queries, summary only; per query the
/// log of max(AP, 0.00001)).
/// </summary>
internal sealed class AveragePrecisionMeasure : SingleValueMeasure
{
    private readonly bool _geometric;

    private AveragePrecisionMeasure(string name, bool geometric)
        : base(name, geometric ? new ValueSlot(name, ValueKind.Double, false, true, Averaging.GeometricMean) : ValueSlot.Mean(name))
    {
        _geometric = geometric;
    }

    public static AveragePrecisionMeasure Map() => new("map", false);

    public static AveragePrecisionMeasure GeometricMap() => new("gm_map", true);

    protected override double Compute(RankedQuery query)
    {
        var rels = query.Rels;
        var level = query.RelevanceLevel;
        long relSoFar = 0;
        var sum = 0.0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (rels[i] >= level)
            {
                relSoFar++;
                sum += relSoFar / (double)(i + 1);
            }
        }
        if (_geometric)
        {
            if (relSoFar != 0)
            {
                sum /= query.NumRel;
            }
            return Math.Log(Math.Max(sum, GeometricMean.MinValue));
        }
        return relSoFar != 0 ? sum / query.NumRel : 0.0;
    }
}
