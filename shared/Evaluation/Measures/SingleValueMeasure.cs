using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>A measure with one double value, printed per query and averaged (te_init_meas_s_double).</summary>
internal abstract class SingleValueMeasure : Measure
{
    protected SingleValueMeasure(string name)
        : base(name, [ValueSlot.Mean(name)])
    {
    }

    protected SingleValueMeasure(string name, ValueSlot slot)
        : base(name, [slot])
    {
    }

    public sealed override void Compute(RankedQuery query, Span<double> values) => values[0] = Compute(query);

    /// <summary>The value for one query.</summary>
    protected abstract double Compute(RankedQuery query);
}
