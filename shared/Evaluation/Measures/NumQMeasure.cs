using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>num_q</c>: the number of queries averaged over, printed in the summary only.</summary>
internal sealed class NumQMeasure() : Measure("num_q", [new ValueSlot("num_q", ValueKind.Long, false, true, Averaging.QueryCount)])
{
    public override void Compute(RankedQuery query, Span<double> values) => values[0] = 1;
}
