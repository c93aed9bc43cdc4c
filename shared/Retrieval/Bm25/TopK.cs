using Pipeline.Formats.Trec;

namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// The k best (document, score) pairs seen: higher score first, ties to the higher tie rank (doc id later in ordinal
/// order, as trec_eval ranks). A min-heap whose root is the current k-th best.
/// </summary>
internal sealed class TopK(int k, int[] tieRank)
{
    private readonly PriorityQueue<(int Doc, double Score), (double Score, int Rank)> _heap = new(k + 1);

    /// <summary>The score a document must reach to enter (−∞ until k documents are held).</summary>
    public double Threshold => _heap.Count < k ? double.NegativeInfinity : _heap.Peek().Score;

    public void Offer(int doc, double score)
    {
        if (_heap.Count < k)
        {
            _heap.Enqueue((doc, score), (score, tieRank[doc]));
            return;
        }
        _heap.TryPeek(out _, out var worst);
        if (score > worst.Score || (score == worst.Score && tieRank[doc] > worst.Rank))
        {
            _heap.DequeueEnqueue((doc, score), (score, tieRank[doc]));
        }
    }

    /// <summary>The documents, best first.</summary>
    public ScoredDoc[] Drain(IReadOnlyList<string> docIds)
    {
        var result = new ScoredDoc[_heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var (doc, score) = _heap.Dequeue();
            result[i] = new ScoredDoc(docIds[doc], score);
        }
        return result;
    }
}
