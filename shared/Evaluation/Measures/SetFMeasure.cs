using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>set_F</c>: F-measure of the retrieved set, (b + 1) P R / (b P + R) with b = the parameter (default 1).</summary>
internal sealed class SetFMeasure : SingleValueMeasure
{
    private readonly double _beta;

    public SetFMeasure(string? parameters)
        : base("set_F", ValueSlot.Mean(MeasureParameters.PrintedName("set_F", parameters)))
    {
        _beta = parameters is null ? 1.0 : MeasureParameters.Doubles(parameters)[0];
    }

    protected override double Compute(RankedQuery query)
    {
        if (query.NumRelRet == 0)
        {
            return 0.0;
        }
        var p = query.NumRelRet / (double)query.NumRet;
        var r = query.NumRelRet / (double)query.NumRel;
        var x = _beta;
        return (x + 1.0) * p * r / (x * p + r);
    }
}
