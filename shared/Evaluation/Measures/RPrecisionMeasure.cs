using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary><c>Rprec</c>: precision after R documents, R the number of relevant documents.</summary>
internal sealed class RPrecisionMeasure() : SingleValueMeasure("Rprec")
{
    protected override double Compute(RankedQuery query)
    {
        var toLookAt = (int)Math.Min(query.NumRet, query.NumRel);
        if (toLookAt == 0)
        {
            return 0.0;
        }
        var rels = query.Rels;
        long relSoFar = 0;
        for (var i = 0; i < toLookAt; i++)
        {
            if (rels[i] >= query.RelevanceLevel)
            {
                relSoFar++;
            }
        }
        return relSoFar / (double)query.NumRel;
    }
}
