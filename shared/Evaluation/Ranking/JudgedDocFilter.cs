namespace Pipeline.Evaluation.Ranking;

/// <summary>
/// A 1,024-bit Bloom-style filter over a query's judged document ids, keyed on the length and three characters of
/// an id, so most retrieved documents (typically unjudged) are known to be absent from the qrels without hashing
/// the whole id. Queries with many judgments skip the filter.
/// </summary>
internal readonly ref struct JudgedDocFilter
{
    private const int MaxJudgments = 128;
    private readonly Span<ulong> _bits;

    public JudgedDocFilter(IReadOnlyDictionary<string, int> judgments, Span<ulong> bits)
    {
        if (judgments.Count > MaxJudgments)
        {
            _bits = default;
            return;
        }
        bits.Clear();
        foreach (var docId in judgments.Keys)
        {
            var h = Hash(docId);
            bits[h >> 6] |= 1UL << (h & 63);
        }
        _bits = bits;
    }

    /// <summary>The number of ulongs the filter needs.</summary>
    public const int Size = 16;

    /// <summary>False only when <paramref name="docId"/> is certainly not judged.</summary>
    public bool MayContain(string docId)
    {
        if (_bits.IsEmpty)
        {
            return true;
        }
        var h = Hash(docId);
        return (_bits[h >> 6] & (1UL << (h & 63))) != 0;
    }

    private static int Hash(string s)
    {
        var n = s.Length;
        if (n == 0)
        {
            return 0;
        }
        var h = (uint)((n * 7) + (s[n - 1] * 131) + (s[n >> 1] * 17) + (n > 1 ? s[n - 2] * 31 : 0));
        return (int)(h & 1023);
    }
}
