using Pipeline.Formats.Trec;

namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// The k best (document, score) pairs seen: higher score first, ties to the higher tie rank (doc id later in ordinal
/// order, as trec_eval ranks). A binary min-heap over parallel arrays whose root is the current k-th best; a
/// document that does not beat the root costs one comparison.
/// </summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly int[] _tieRank;
    private readonly double[] _scores;
    private readonly int[] _ranks;
    private readonly int[] _docs;
    private int _count;

    public TopK(int k, int[] tieRank)
    {
        _k = k;
        _tieRank = tieRank;
        // A shard never holds more than tieRank.Length documents: a huge k costs no more than the shard.
        var capacity = Math.Min(k, tieRank.Length);
        _scores = new double[capacity];
        _ranks = new int[capacity];
        _docs = new int[capacity];
    }

    /// <summary>The score a document must reach to enter (−∞ until k documents are held).</summary>
    public double Threshold => _count < _k ? double.NegativeInfinity : _scores[0];

    public void Offer(int doc, double score)
    {
        var rank = _tieRank[doc];
        if (_count < _k)
        {
            SiftUp(_count++, score, rank, doc);
            return;
        }
        if (score > _scores[0] || (score == _scores[0] && rank > _ranks[0]))
        {
            SiftDown(score, rank, doc);
        }
    }

    /// <summary>The documents, best first.</summary>
    public ScoredDoc[] Drain(IReadOnlyList<string> docIds)
    {
        var result = new ScoredDoc[_count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = new ScoredDoc(docIds[_docs[0]], _scores[0]);
            _count--;
            if (_count > 0)
            {
                SiftDown(_scores[_count], _ranks[_count], _docs[_count]);
            }
        }
        return result;
    }

    private static bool Worse(double score, int rank, double otherScore, int otherRank) =>
        score < otherScore || (score == otherScore && rank < otherRank);

    private void SiftUp(int hole, double score, int rank, int doc)
    {
        while (hole > 0)
        {
            var parent = (hole - 1) >> 1;
            if (!Worse(score, rank, _scores[parent], _ranks[parent]))
            {
                break;
            }
            Move(parent, hole);
            hole = parent;
        }
        Put(hole, score, rank, doc);
    }

    /// <summary>Replaces the root with (score, rank, doc) and restores the heap over the first <see cref="_count"/> slots.</summary>
    private void SiftDown(double score, int rank, int doc)
    {
        var hole = 0;
        while (true)
        {
            var child = (2 * hole) + 1;
            if (child >= _count)
            {
                break;
            }
            if (child + 1 < _count && Worse(_scores[child + 1], _ranks[child + 1], _scores[child], _ranks[child]))
            {
                child++;
            }
            if (!Worse(_scores[child], _ranks[child], score, rank))
            {
                break;
            }
            Move(child, hole);
            hole = child;
        }
        Put(hole, score, rank, doc);
    }

    private void Move(int from, int to)
    {
        _scores[to] = _scores[from];
        _ranks[to] = _ranks[from];
        _docs[to] = _docs[from];
    }

    private void Put(int slot, double score, int rank, int doc)
    {
        _scores[slot] = score;
        _ranks[slot] = rank;
        _docs[slot] = doc;
    }
}
