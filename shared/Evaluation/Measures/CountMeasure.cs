using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// The counts trec_eval prints as integers and sums in the summary: <c>num_ret</c>, <c>num_rel</c>,
/// <c>num_rel_ret</c>, <c>num_nonrel_judged_ret</c>.
/// </summary>
internal sealed class CountMeasure : Measure
{
    private readonly Func<RankedQuery, long> _count;

    private CountMeasure(string name, Averaging averaging, Func<RankedQuery, long> count)
        : base(name, [new ValueSlot(name, ValueKind.Long, true, true, averaging)])
    {
        _count = count;
    }

    public static CountMeasure NumRet() => new("num_ret", Averaging.Sum, static q => q.NumRet);

    /// <summary>Summed; under <c>-c</c> the summary counts every qrels line with a grade above 0, whatever <c>-l</c>.</summary>
    public static CountMeasure NumRel() => new("num_rel", Averaging.RelevantCount, static q => q.NumRel);

    public static CountMeasure NumRelRet() => new("num_rel_ret", Averaging.Sum, static q => q.NumRelRet);

    public static CountMeasure NumNonrelJudgedRet() => new("num_nonrel_judged_ret", Averaging.Sum,
        static q => q.NumRet - q.NumNonpool - q.NumUnjudgedInPool - q.NumRelRet);

    public override void Compute(RankedQuery query, Span<double> values) => values[0] = _count(query);
}
