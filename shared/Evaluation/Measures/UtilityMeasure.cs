using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>utility</c>: p1 * relevant retrieved + p2 * non-relevant retrieved + p3 * relevant missed + p4 * non-relevant
/// not retrieved (p4 needs the collection size, <c>-N</c>); default coefficients 1, -1, 0, 0.
/// </summary>
internal sealed class UtilityMeasure : SingleValueMeasure
{
    private readonly double[] _coefficients;
    private readonly long _numDocsInCollection;

    public UtilityMeasure(string? parameters, long numDocsInCollection)
        : base("utility", ValueSlot.Mean(MeasureParameters.PrintedName("utility", parameters)))
    {
        _coefficients = parameters is null ? [1.0, -1.0, 0.0, 0.0] : MeasureParameters.Doubles(parameters);
        if (_coefficients.Length != 4)
        {
            throw new EvaluationException($"measure 'utility.{parameters}': needs exactly 4 coefficients");
        }
        _numDocsInCollection = numDocsInCollection;
    }

    protected override double Compute(RankedQuery query)
    {
        var p = _coefficients;
        return p[0] * query.NumRelRet
            + p[1] * (query.NumRet - query.NumRelRet)
            + p[2] * (query.NumRel - query.NumRelRet)
            + p[3] * (_numDocsInCollection + query.NumRelRet - query.NumRet - query.NumRel);
    }
}
