using Pipeline.Evaluation.Ranking;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>Rprec_mult</c>: precision at multiples of R; a multiple becomes a rank as <c>(long)(m * R + 0.9)</c>, and
/// ranks beyond the retrieved list count the missing documents as non-relevant.
/// </summary>
internal sealed class RPrecisionMultipleMeasure : Measure
{
    private const string MeasureName = "Rprec_mult";
    private static readonly double[] DefaultMultiples = [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0];
    private readonly double[] _multiples;

    private RPrecisionMultipleMeasure(double[] multiples)
        : base(MeasureName, CreateSlots(multiples))
    {
        _multiples = multiples;
    }

    public static RPrecisionMultipleMeasure Create(string? parameters) =>
        new(MeasureParameters.DoubleCutoffs(MeasureName, parameters, DefaultMultiples));

    private static ValueSlot[] CreateSlots(double[] multiples)
    {
        var slots = new ValueSlot[multiples.Length];
        for (var i = 0; i < multiples.Length; i++)
        {
            slots[i] = ValueSlot.Mean(MeasureName + "_" + CFormat.Fixed(multiples[i], 3, 2));
        }
        return slots;
    }

    public override void Compute(RankedQuery query, Span<double> values)
    {
        var count = _multiples.Length;
        Span<long> cutoffs = count <= 64 ? stackalloc long[count] : new long[count];
        for (var i = 0; i < count; i++)
        {
            cutoffs[i] = (long)(_multiples[i] * query.NumRel + 0.9);
        }
        var currentCut = count - 1;
        while (currentCut >= 0 && cutoffs[currentCut] > query.NumRet)
        {
            values[currentCut] = query.NumRelRet / (double)cutoffs[currentCut];
            currentCut--;
        }
        var rels = query.Rels;
        var relSoFar = query.NumRelRet;
        for (var i = query.NumRet; i > 0 && relSoFar > 0; i--)
        {
            var precis = relSoFar / (double)i;
            while (currentCut >= 0 && i == cutoffs[currentCut])
            {
                values[currentCut] = precis;
                currentCut--;
            }
            if (rels[i - 1] >= query.RelevanceLevel)
            {
                relSoFar--;
            }
        }
    }
}
