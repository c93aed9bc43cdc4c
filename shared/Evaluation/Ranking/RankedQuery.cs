namespace Pipeline.Evaluation.Ranking;

/// <summary>
/// One query ready for the measures (trec_eval's RES_RELS): the relevance value of each retrieved document in rank
/// order and the counts every measure needs. Buffers are reused from query to query by one worker.
/// </summary>
internal sealed class RankedQuery
{
    private int[] _rels = new int[64];
    private long[] _relLevels = new long[8];

    /// <summary>The minimum grade that counts as relevant (<c>-l</c>).</summary>
    public int RelevanceLevel { get; set; }

    /// <summary>Number of retrieved documents evaluated (after <c>-M</c> and <c>-J</c>).</summary>
    public int NumRet { get; set; }

    /// <summary>Judged documents with a grade of at least <see cref="RelevanceLevel"/>.</summary>
    public long NumRel { get; set; }

    /// <summary>Retrieved documents with a grade of at least <see cref="RelevanceLevel"/>.</summary>
    public long NumRelRet { get; set; }

    /// <summary>Retrieved documents absent from the qrels.</summary>
    public long NumNonpool { get; set; }

    /// <summary>Retrieved documents with a negative grade.</summary>
    public long NumUnjudgedInPool { get; set; }

    /// <summary>One more than the highest non-negative grade judged; 0 when there is none.</summary>
    public int NumRelLevels { get; set; }

    /// <summary>Relevance values of the retrieved documents in rank order: a grade, or a <see cref="RelevanceValue"/>.</summary>
    public ReadOnlySpan<int> Rels => _rels.AsSpan(0, NumRet);

    /// <summary>Number of judged documents at each non-negative grade, indexed by grade, <see cref="NumRelLevels"/> long.</summary>
    public ReadOnlySpan<long> RelLevels => _relLevels.AsSpan(0, NumRelLevels);

    /// <summary>Writable rank buffer of at least <paramref name="length"/> entries.</summary>
    public Span<int> RelsBuffer(int length)
    {
        if (_rels.Length < length)
        {
            _rels = new int[Math.Max(length, _rels.Length * 2)];
        }
        return _rels.AsSpan(0, length);
    }

    /// <summary>Writable, zeroed level-count buffer of <paramref name="length"/> entries.</summary>
    public Span<long> RelLevelsBuffer(int length)
    {
        if (_relLevels.Length < length)
        {
            _relLevels = new long[Math.Max(length, _relLevels.Length * 2)];
        }
        var span = _relLevels.AsSpan(0, length);
        span.Clear();
        return span;
    }
}
