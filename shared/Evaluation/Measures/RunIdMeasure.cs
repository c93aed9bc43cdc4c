using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>runid</c>: the run tag, printed once in the summary.</summary>
internal sealed class RunIdMeasure() : Measure("runid", [new ValueSlot("runid", ValueKind.Text, false, true, Averaging.None)])
{
    public override void Compute(RankedQuery query, Span<double> values)
    {
    }
}
