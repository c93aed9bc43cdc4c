using Pipeline.Formats.Trec;

namespace Pipeline.Retrieval.Fusion;

/// <summary>
/// Fuses the ranked lists of one query from several runs into one list. Input lists are taken in trec_eval order
/// (score descending, ties by doc id descending), so the input's own order and rank column never matter; the
/// output is sorted the same way. Sums run in the lists' order in double precision, so results are reproducible.
/// </summary>
public static class RunFusion
{
    /// <summary>The top <paramref name="k"/> of the fusion of <paramref name="lists"/>.</summary>
    /// <param name="lists">One list per run (a missing query is an empty list).</param>
    /// <param name="method">How scores combine.</param>
    /// <param name="k">Documents kept; at least 1.</param>
    /// <param name="rrfK">RRF's constant (≥ 0).</param>
    /// <param name="weights">One weight per list for the weighted methods; null for all 1.</param>
    public static IReadOnlyList<ScoredDoc> Fuse(IReadOnlyList<IReadOnlyList<ScoredDoc>> lists, FusionMethod method, int k, int rrfK = 60,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rrfK);
        if (weights is not null && weights.Count != lists.Count)
        {
            throw new ArgumentException("one weight per list is needed", nameof(weights));
        }
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        var sorted = lists.Select(Sorted).ToList();
        // Every document gets a term from every list, added in list order: a missing document's term is the list's floor.
        var documents = sorted.SelectMany(l => l.Select(d => d.DocId)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var doc in documents)
        {
            fused[doc] = 0;
        }
        for (var l = 0; l < sorted.Count; l++)
        {
            var weight = weights?[l] ?? 1.0;
            var list = sorted[l];
            var values = Normalized(list, method, rrfK, out var floor);
            var present = new Dictionary<string, double>(list.Count, StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                present[list[i].DocId] = values[i];
            }
            foreach (var doc in documents)
            {
                fused[doc] += weight * (present.TryGetValue(doc, out var value) ? value : floor);
            }
        }
        var result = fused.Select(p => new ScoredDoc(p.Key, p.Value)).ToList();
        result.Sort(TrecEvalOrder);
        return result.Count > k ? result.GetRange(0, k) : result;
    }

    private static List<ScoredDoc> Sorted(IReadOnlyList<ScoredDoc> list)
    {
        var copy = list.ToList();
        copy.Sort(TrecEvalOrder);
        return copy;
    }

    private static double[] Normalized(List<ScoredDoc> list, FusionMethod method, int rrfK, out double floor)
    {
        var values = new double[list.Count];
        switch (method)
        {
            case FusionMethod.ReciprocalRank:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = 1.0 / (rrfK + i + 1);
                }
                floor = 0;
                return values;
            case FusionMethod.WeightedMinMax:
            {
                floor = 0;
                if (list.Count == 0)
                {
                    return values;
                }
                var max = list[0].Score;
                var min = list[^1].Score;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = max > min ? (list[i].Score - min) / (max - min) : 1.0;
                }
                return values;
            }
            case FusionMethod.WeightedZScore:
            {
                floor = 0;
                if (list.Count == 0)
                {
                    return values;
                }
                var mean = 0.0;
                foreach (var doc in list)
                {
                    mean += doc.Score;
                }
                mean /= list.Count;
                var variance = 0.0;
                foreach (var doc in list)
                {
                    variance += (doc.Score - mean) * (doc.Score - mean);
                }
                var sd = Math.Sqrt(variance / list.Count);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = sd > 0 ? (list[i].Score - mean) / sd : 0.0;
                }
                floor = values[^1];
                return values;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown fusion method");
        }
    }

    private static int TrecEvalOrder(ScoredDoc x, ScoredDoc y)
    {
        var c = y.Score.CompareTo(x.Score);
        return c != 0 ? c : string.CompareOrdinal(y.DocId, x.DocId);
    }
}
