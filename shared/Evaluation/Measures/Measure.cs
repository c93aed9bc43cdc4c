using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// A configured trec_eval measure: the values it prints and how it computes them for one query. Instances are
/// immutable after construction and shared by worker threads.
/// </summary>
internal abstract class Measure
{
    protected Measure(string name, IReadOnlyList<ValueSlot> slots)
    {
        Name = name;
        Slots = slots;
    }

    /// <summary>The trec_eval measure name (<c>P</c>, <c>ndcg_cut</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The values the measure produces, in print order.</summary>
    public IReadOnlyList<ValueSlot> Slots { get; }

    /// <summary>
    /// Computes the values for one query into <paramref name="values"/> (one entry per slot, zeroed beforehand, as
    /// trec_eval zeroes them; a measure that has nothing to say leaves them at 0).
    /// </summary>
    public abstract void Compute(RankedQuery query, Span<double> values);
}
