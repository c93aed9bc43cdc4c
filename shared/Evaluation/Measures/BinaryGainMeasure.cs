using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>binG</c>: trec_eval's binary-gain G measure (experimental).</summary>
internal sealed class BinaryGainMeasure() : SingleValueMeasure("binG")
{
    protected override double Compute(RankedQuery query)
    {
        var rels = query.Rels;
        long relSoFar = 0;
        var sum = 0.0;
        for (var i = 0; i < rels.Length; i++)
        {
            if (rels[i] >= query.RelevanceLevel)
            {
                relSoFar++;
                sum += 1.0 / Math.Log2(3 + i - relSoFar);
            }
        }
        return relSoFar != 0 ? sum / query.NumRel : 0.0;
    }
}
