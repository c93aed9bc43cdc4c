using System.Numerics.Tensors;

namespace Pipeline.Reranking.Dense;

/// <summary>
/// Exact top-k by inner product over a matrix of document vectors (row-major <c>[documents, dim]</c>). Ties are broken by
/// doc id descending (ordinal), as trec_eval orders them, so the result is the run trec_eval would evaluate.
/// </summary>
public static class ExactSearch
{
    /// <summary>The top <paramref name="k"/> documents for one query, best first.</summary>
    /// <param name="query">The query vector (<paramref name="dim"/> values).</param>
    /// <param name="documents">The document vectors, row-major.</param>
    /// <param name="docIds">One id per document row.</param>
    /// <param name="dim">The vector dimension.</param>
    /// <param name="k">Documents to return at most; at least 1.</param>
    public static (string DocId, float Score)[] TopK(ReadOnlySpan<float> query, ReadOnlySpan<float> documents, IReadOnlyList<string> docIds, int dim, int k)
    {
        ArgumentNullException.ThrowIfNull(docIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(query.Length, dim, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNotEqual(documents.Length, docIds.Count * dim, nameof(documents));
        var n = docIds.Count;
        var take = Math.Min(k, n);
        // A heap of the best `take` so far whose root is the worst of them (see WorstFirst).
        var heap = new PriorityQueue<int, (float Score, string DocId)>(take, WorstFirst.Instance);
        var scores = new float[n];
        for (var d = 0; d < n; d++)
        {
            var score = TensorPrimitives.Dot(query, documents.Slice(d * dim, dim));
            scores[d] = score;
            if (heap.Count < take)
            {
                heap.Enqueue(d, (score, docIds[d]));
            }
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((score, docIds[d]), worst) > 0)
            {
                heap.EnqueueDequeue(d, (score, docIds[d]));
            }
        }
        var result = new (string DocId, float Score)[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var d = heap.Dequeue();
            result[i] = (docIds[d], scores[d]);
        }
        return result;
    }

    // Orders worse before better: lower score first; at equal scores the smaller doc id is worse (trec_eval ranks the
    // larger id first).
    private sealed class WorstFirst : IComparer<(float Score, string DocId)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, string DocId) x, (float Score, string DocId) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.DocId, y.DocId);
        }
    }
}
