using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>Unranked set measures over the whole retrieved list: <c>set_P</c>, <c>set_relative_P</c>, <c>set_recall</c>, <c>set_map</c>.</summary>
internal sealed class SetMeasure : SingleValueMeasure
{
    private readonly Func<RankedQuery, double> _compute;

    private SetMeasure(string name, Func<RankedQuery, double> compute)
        : base(name)
    {
        _compute = compute;
    }

    public static SetMeasure Precision() => new("set_P",
        static q => q.NumRet != 0 ? q.NumRelRet / (double)q.NumRet : 0.0);

    public static SetMeasure RelativePrecision() => new("set_relative_P",
        static q => q.NumRet != 0 && q.NumRel != 0 ? q.NumRelRet / (double)Math.Min(q.NumRet, q.NumRel) : 0.0);

    public static SetMeasure Recall() => new("set_recall",
        static q => q.NumRel != 0 ? q.NumRelRet / (double)q.NumRel : 0.0);

    public static SetMeasure Map() => new("set_map",
        static q => q.NumRet != 0 && q.NumRel != 0
            ? q.NumRelRet * (double)q.NumRelRet / (q.NumRet * (double)q.NumRel)
            : 0.0);

    protected override double Compute(RankedQuery query) => _compute(query);
}
