using System.Globalization;

namespace Pipeline.Evaluation.Measures;

/// <summary>A measure with one double value per integer cutoff, named <c>name_cutoff</c> (te_init_meas_a_double_cut_long).</summary>
internal abstract class CutoffMeasure : Measure
{
    protected CutoffMeasure(string name, long[] cutoffs)
        : base(name, CreateSlots(name, cutoffs))
    {
        Cutoffs = cutoffs;
    }

    /// <summary>The cutoffs, ascending, positive, distinct.</summary>
    protected long[] Cutoffs { get; }

    private static ValueSlot[] CreateSlots(string name, long[] cutoffs)
    {
        var slots = new ValueSlot[cutoffs.Length];
        for (var i = 0; i < cutoffs.Length; i++)
        {
            slots[i] = ValueSlot.Mean(name + "_" + cutoffs[i].ToString(CultureInfo.InvariantCulture));
        }
        return slots;
    }
}
