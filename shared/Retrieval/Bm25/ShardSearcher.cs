using Pipeline.Formats.Trec;

namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// BM25 top-k over one shard, scored with global statistics. <see cref="Search(QueryTerms, int)"/> takes, per query,
/// the cheaper of two traversals: MaxScore dynamic pruning (document at a time, skipping documents that cannot enter
/// the top k), or accumulation (term at a time into a score array, then a top-k selection), which wins when pruning
/// cannot skip much: a small shard, or k large next to the documents the query matches.
/// <see cref="SearchExhaustive"/> is the plain reference. All add a document's term contributions in query order in
/// double precision and break score ties by doc id descending (ordinal, trec_eval's order), so they return identical
/// lists. Thread-safe: one instance serves many queries at once.
/// </summary>
public sealed class ShardSearcher
{
    // Relative slack on pruning decisions: an upper bound summed in a different order than the exact score may round
    // differently, so a document is skipped only when its bound is below the threshold by more than rounding.
    private const double Slack = 1e-12;

    private readonly ShardIndex _index;
    private readonly CollectionStatistics _statistics;
    private readonly double[] _norms;
    private readonly double[] _maxFraction;

    /// <summary>A searcher over <paramref name="index"/> with <paramref name="statistics"/> (the merged statistics of all shards).</summary>
    public ShardSearcher(ShardIndex index, CollectionStatistics statistics, Bm25Parameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(statistics);
        parameters ??= Bm25Parameters.Default;
        parameters.Validate();
        _index = index;
        _statistics = statistics;
        Parameters = parameters;
        var avgdl = statistics.AverageLength;
        _norms = new double[index.DocumentCount];
        for (var d = 0; d < _norms.Length; d++)
        {
            var length = parameters.LuceneLossyLengths ? LuceneNorms.Quantize(index.DocLengths[d]) : index.DocLengths[d];
            _norms[d] = parameters.K1 * (1 - parameters.B + (parameters.B * length / avgdl));
        }
        _maxFraction = new double[index.Terms.Count];
        Array.Fill(_maxFraction, double.NaN);
    }

    /// <summary>The BM25 parameters.</summary>
    public Bm25Parameters Parameters { get; }

    /// <summary>The shard searched.</summary>
    public ShardIndex Index => _index;

    /// <summary>The top <paramref name="k"/> documents of this shard for <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<ScoredDoc> Search(QueryTerms query, int k) => Search(query, k, Bm25Traversal.Auto);

    /// <summary>The top <paramref name="k"/> documents with a chosen traversal (all give the same list).</summary>
    public IReadOnlyList<ScoredDoc> Search(QueryTerms query, int k, Bm25Traversal traversal)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var cursors = Cursors(query);
        if (cursors.Length == 0)
        {
            return [];
        }
        long postings = 0;
        foreach (var cursor in cursors)
        {
            postings += cursor.Remaining;
        }
        if (traversal == Bm25Traversal.Auto)
        {
            traversal = PrefersAccumulation(postings, k) ? Bm25Traversal.Accumulate : Bm25Traversal.MaxScore;
        }
        return traversal == Bm25Traversal.Accumulate ? Accumulate(cursors, postings, k) : MaxScore(cursors, k);
    }

    /// <summary>
    /// Whether accumulation is expected to be cheaper than MaxScore. Accumulation touches every posting once at a few
    /// nanoseconds each and needs a score slot per document of the shard; MaxScore pays more per posting it visits and
    /// wins only by skipping, which needs a threshold that k documents have raised well above the low-idf terms' bounds:
    /// it does on a large shard with a small k. Measured on SciFact (5,183 documents) and SciFact ×97 (502,751): at
    /// k = 1000 accumulation took 0.42× and 0.42× MaxScore's time, at k = 100 0.80× on ×97, at k = 10 1.9× on ×97
    /// (bench/bm25/RESULTS.md). The rule: accumulate on shards of at most max(65,536, 1,024·k) documents, or when the
    /// query's <paramref name="postings"/> are few next to k.
    /// </summary>
    private bool PrefersAccumulation(long postings, int k) =>
        _index.DocumentCount <= Math.Max(AccumulateDocumentLimit, 1024L * k) || postings <= 4L * k;

    /// <summary>Shards up to this many documents are always searched by accumulation (a 512 KiB score array).</summary>
    private const int AccumulateDocumentLimit = 65_536;

    private ScoredDoc[] MaxScore(Cursor[] cursors, int k)
    {
        var heap = new TopK(k, _index.TieRank);
        // Cursors sorted by upper bound, ascending; prefix[i] = sum of bounds of cursors 0..i-1.
        var byBound = (Cursor[])cursors.Clone();
        Array.Sort(byBound, (x, y) => x.UpperBound.CompareTo(y.UpperBound));
        var prefix = new double[byBound.Length + 1];
        for (var i = 0; i < byBound.Length; i++)
        {
            prefix[i + 1] = prefix[i] + byBound[i].UpperBound;
        }
        var firstEssential = 0;
        while (true)
        {
            var threshold = heap.Threshold;
            while (firstEssential < byBound.Length && Below(prefix[firstEssential + 1], threshold))
            {
                firstEssential++;
            }
            if (firstEssential == byBound.Length)
            {
                break;
            }
            var doc = int.MaxValue;
            for (var i = firstEssential; i < byBound.Length; i++)
            {
                doc = Math.Min(doc, byBound[i].Doc);
            }
            if (doc == int.MaxValue)
            {
                break;
            }
            // Bound: exact contributions of essential cursors on doc, plus the bounds of the non-essential ones.
            var bound = prefix[firstEssential];
            for (var i = firstEssential; i < byBound.Length; i++)
            {
                if (byBound[i].Doc == doc)
                {
                    bound += byBound[i].Contribution(_norms);
                }
            }
            var candidate = !Below(bound, threshold);
            for (var i = firstEssential - 1; candidate && i >= 0; i--)
            {
                var cursor = byBound[i];
                cursor.AdvanceTo(doc);
                if (cursor.Doc != doc)
                {
                    bound -= cursor.UpperBound;
                    candidate = !Below(bound, threshold);
                }
            }
            if (candidate)
            {
                var score = 0.0;
                foreach (var cursor in cursors)
                {
                    cursor.AdvanceTo(doc);
                    if (cursor.Doc == doc)
                    {
                        score += cursor.Contribution(_norms);
                    }
                }
                heap.Offer(doc, score);
            }
            for (var i = firstEssential; i < byBound.Length; i++)
            {
                if (byBound[i].Doc == doc)
                {
                    byBound[i].Next();
                }
            }
        }
        return heap.Drain(_index.DocIds);
    }

    /// <summary>
    /// Term at a time: every posting adds its contribution to its document's slot (in query order, as the other
    /// traversals add), the documents touched are listed on first touch (a contribution is always &gt; 0, so a slot
    /// still at 0 is untouched), then offered to the top k. The score array belongs to the thread and is all zeros
    /// between calls.
    /// </summary>
    private ScoredDoc[] Accumulate(Cursor[] cursors, long postings, int k)
    {
        var scores = t_scores is { } held && held.Length >= _index.DocumentCount ? held : (t_scores = new double[_index.DocumentCount]);
        var touchedLimit = (int)Math.Min(postings, _index.DocumentCount);
        var touched = t_touched is { } list && list.Length >= touchedLimit ? list : (t_touched = new int[Math.Max(touchedLimit, 1024)]);
        var count = 0;
        var accumulated = false;
        try
        {
            var norms = _norms;
            foreach (var cursor in cursors)
            {
                count = cursor.AccumulateInto(scores, norms, touched, count);
            }
            accumulated = true;
            var heap = new TopK(k, _index.TieRank);
            for (var i = 0; i < count; i++)
            {
                var doc = touched[i];
                var score = scores[doc];
                if (score >= heap.Threshold)
                {
                    heap.Offer(doc, score);
                }
            }
            return heap.Drain(_index.DocIds);
        }
        finally
        {
            if (accumulated)
            {
                for (var i = 0; i < count; i++)
                {
                    scores[touched[i]] = 0;
                }
            }
            else
            {
                Array.Clear(scores); // stopped half way: the touched list may not name every slot written
            }
        }
    }

    [ThreadStatic]
    private static double[]? t_scores;

    [ThreadStatic]
    private static int[]? t_touched;

    /// <summary>The same list as <see cref="Search(QueryTerms, int)"/>, by scoring every document that contains a query term.</summary>
    public IReadOnlyList<ScoredDoc> SearchExhaustive(QueryTerms query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var scores = new double[_index.DocumentCount];
        var matched = new bool[scores.Length];
        foreach (var cursor in Cursors(query))
        {
            for (; cursor.Doc != int.MaxValue; cursor.Next())
            {
                scores[cursor.Doc] += cursor.Contribution(_norms);
                matched[cursor.Doc] = true;
            }
        }
        var heap = new TopK(k, _index.TieRank);
        for (var d = 0; d < scores.Length; d++)
        {
            if (matched[d])
            {
                heap.Offer(d, scores[d]);
            }
        }
        return heap.Drain(_index.DocIds);
    }

    private static bool Below(double value, double threshold) =>
        value < threshold - (Math.Abs(threshold) * Slack);

    /// <summary>One cursor per query term present in this shard, in query order.</summary>
    private Cursor[] Cursors(QueryTerms query)
    {
        var cursors = new List<Cursor>(query.Terms.Count);
        for (var q = 0; q < query.Terms.Count; q++)
        {
            var term = query.Terms[q];
            var number = _index.TermNumber(term);
            var df = _statistics.DocFrequency(term);
            if (number < 0 || df == 0)
            {
                continue;
            }
            var weight = Bm25Parameters.Idf(_statistics.DocCount, df) * query.Counts[q];
            var start = _index.PostingStarts[number];
            var end = _index.PostingStarts[number + 1];
            cursors.Add(new Cursor(_index.PostingDocs, _index.PostingFreqs, start, end, weight, weight * MaxFraction(number)));
        }
        return [.. cursors];
    }

    /// <summary>max over the term's postings of tf / (tf + norm(doc)); computed once per term, on first use.</summary>
    private double MaxFraction(int term)
    {
        var cached = Volatile.Read(ref _maxFraction[term]);
        if (!double.IsNaN(cached))
        {
            return cached;
        }
        var max = 0.0;
        for (var p = _index.PostingStarts[term]; p < _index.PostingStarts[term + 1]; p++)
        {
            double tf = _index.PostingFreqs[p];
            max = Math.Max(max, tf / (tf + _norms[_index.PostingDocs[p]]));
        }
        Volatile.Write(ref _maxFraction[term], max);
        return max;
    }

    private sealed class Cursor(int[] docs, int[] freqs, int start, int end, double weight, double upperBound)
    {
        private int _position = start;

        public double UpperBound { get; } = upperBound;

        public int Doc => _position < end ? docs[_position] : int.MaxValue;

        public double Contribution(double[] norms)
        {
            double tf = freqs[_position];
            return weight * (tf / (tf + norms[docs[_position]]));
        }

        public void Next() => _position++;

        /// <summary>Postings not yet visited.</summary>
        public int Remaining => end - _position;

        /// <summary>
        /// Adds this term's contribution of every remaining posting to <paramref name="scores"/>, appending documents
        /// seen for the first time to <paramref name="touched"/> after <paramref name="count"/>; returns the new count.
        /// </summary>
        public int AccumulateInto(double[] scores, double[] norms, int[] touched, int count)
        {
            var termDocs = docs.AsSpan(_position, end - _position);
            var termFreqs = freqs.AsSpan(_position, end - _position);
            var termWeight = weight;
            for (var p = 0; p < termDocs.Length; p++)
            {
                var doc = termDocs[p];
                double tf = termFreqs[p];
                var before = scores[doc];
                if (before == 0)
                {
                    touched[count++] = doc;
                }
                scores[doc] = before + (termWeight * (tf / (tf + norms[doc])));
            }
            _position = end;
            return count;
        }

        /// <summary>Moves to the first posting with a document ≥ <paramref name="target"/> (galloping search).</summary>
        public void AdvanceTo(int target)
        {
            if (_position >= end || docs[_position] >= target)
            {
                return;
            }
            // Everything before low is below target; gallop until a document ≥ target is passed, then bisect.
            var low = _position + 1;
            var high = low;
            var step = 1;
            while (high < end && docs[high] < target)
            {
                low = high + 1;
                high += step;
                step <<= 1;
            }
            var last = Math.Min(high, end - 1);
            if (low > last)
            {
                _position = low;
                return;
            }
            var index = Array.BinarySearch(docs, low, last - low + 1, target);
            _position = index >= 0 ? index : ~index;
        }
    }
}
