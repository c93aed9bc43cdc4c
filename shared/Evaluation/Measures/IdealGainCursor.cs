namespace Pipeline.Evaluation.Measures;

/// <summary>
/// Walks the ideal ranking of a query one rank at a time: the gain of the best remaining judged document, level by
/// level from the highest gain down, then 0 once every judged document with a gain has been placed. The gain-based
/// measures (ndcg, ndcg_rel, Rndcg, G) step it exactly as trec_eval steps its level counters, so their sums add the
/// same terms in the same order.
/// </summary>
internal struct IdealGainCursor
{
    private readonly Gains.Level[] _levels;
    private int _level;
    private long _placedAtLevel;

    public IdealGainCursor(Gains.Level[] levels)
    {
        _levels = levels;
        _level = levels.Length - 1;
        Gain = _level >= 0 ? levels[_level].Gain : 0.0;
    }

    /// <summary>The ideal gain at the current rank (before the first <see cref="Next"/>: the top level's gain).</summary>
    public double Gain { get; private set; }

    /// <summary>Moves to the next rank and returns its ideal gain.</summary>
    public double Next()
    {
        _placedAtLevel++;
        while (_level >= 0 && _placedAtLevel > _levels[_level].NumAtLevel)
        {
            _placedAtLevel = 1;
            _level--;
            Gain = _level >= 0 ? _levels[_level].Gain : 0.0;
        }
        return Gain;
    }
}
