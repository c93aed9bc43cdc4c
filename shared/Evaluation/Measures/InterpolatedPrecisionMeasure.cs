using Pipeline.Evaluation.Ranking;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>iprec_at_recall</c> (interpolated precision at recall levels, one value each) and <c>11pt_avg</c> (their
/// average as one value). A recall level becomes a number of relevant documents with C's <c>lround</c>, as in
/// trec_eval 10.0 (9.x added 0.9 and truncated).
/// </summary>
internal sealed class InterpolatedPrecisionMeasure : Measure
{
    private static readonly double[] DefaultRecallLevels = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    private readonly double[] _recallLevels;
    private readonly bool _average;

    private InterpolatedPrecisionMeasure(string name, IReadOnlyList<ValueSlot> slots, double[] recallLevels, bool average)
        : base(name, slots)
    {
        _recallLevels = recallLevels;
        _average = average;
    }

    public static InterpolatedPrecisionMeasure AtRecall(string? parameters)
    {
        const string name = "iprec_at_recall";
        var levels = MeasureParameters.DoubleCutoffs(name, parameters, DefaultRecallLevels);
        var slots = new ValueSlot[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            slots[i] = ValueSlot.Mean(name + "_" + CFormat.Fixed(levels[i], 3, 2));
        }
        return new InterpolatedPrecisionMeasure(name, slots, levels, false);
    }

    public static InterpolatedPrecisionMeasure ElevenPointAverage(string? parameters)
    {
        const string name = "11pt_avg";
        var levels = parameters is null ? DefaultRecallLevels : MeasureParameters.Doubles(parameters);
        return new InterpolatedPrecisionMeasure(name, [ValueSlot.Mean(MeasureParameters.PrintedName(name, parameters))], levels, true);
    }

    public override void Compute(RankedQuery query, Span<double> values)
    {
        var count = _recallLevels.Length;
        Span<long> cutoffs = count <= 64 ? stackalloc long[count] : new long[count];
        for (var i = 0; i < count; i++)
        {
            cutoffs[i] = (long)Math.Round(_recallLevels[i] * query.NumRel, MidpointRounding.AwayFromZero);
        }
        var currentCut = count - 1;
        while (currentCut >= 0 && cutoffs[currentCut] > query.NumRelRet)
        {
            currentCut--;
        }

        var rels = query.Rels;
        var precis = query.NumRelRet / (double)query.NumRet;
        var intPrecis = precis;
        var relSoFar = query.NumRelRet;
        var sum = 0.0;
        for (var i = query.NumRet; i > 0 && relSoFar > 0; i--)
        {
            precis = relSoFar / (double)i;
            if (intPrecis < precis)
            {
                intPrecis = precis;
            }
            if (rels[i - 1] >= query.RelevanceLevel)
            {
                while (currentCut >= 0 && relSoFar == cutoffs[currentCut])
                {
                    Record(values, currentCut, intPrecis, ref sum);
                    currentCut--;
                }
                relSoFar--;
            }
        }
        while (currentCut >= 0)
        {
            Record(values, currentCut, intPrecis, ref sum);
            currentCut--;
        }
        if (_average)
        {
            values[0] = sum / count;
        }
    }

    private void Record(Span<double> values, int cut, double value, ref double sum)
    {
        if (_average)
        {
            sum += value;
        }
        else
        {
            values[cut] = value;
        }
    }
}
