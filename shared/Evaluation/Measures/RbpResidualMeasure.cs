using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>rbp_resid</c>: the RBP residual, the weight of the unjudged ranks and of the ranks past the end.</summary>
internal sealed class RbpResidualMeasure : SingleValueMeasure
{
    private readonly double _p;

    public RbpResidualMeasure(string? parameters)
        : base("rbp_resid", ValueSlot.Mean(MeasureParameters.PrintedName("rbp_resid", parameters)))
    {
        _p = RbpMeasure.PersistenceOf(MeasureParameters.Pairs("rbp_resid", parameters));
    }

    protected override double Compute(RankedQuery query)
    {
        long unjudgedSoFar = 0;
        var sum = 0.0;
        var curP = 1.0;
        foreach (var rel in query.Rels)
        {
            if (rel < 0)
            {
                unjudgedSoFar++;
                sum += curP;
            }
            curP *= _p;
        }
        return unjudgedSoFar != 0 ? curP + (1 - _p) * sum : 0.0;
    }
}
