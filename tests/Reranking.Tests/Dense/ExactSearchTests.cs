using Pipeline.Reranking.Dense;

namespace Pipeline.Reranking.Tests.Dense;

public sealed class ExactSearchTests
{
    private static (string DocId, float Score)[] BruteForce(float[] query, float[][] documents, string[] ids, int k) =>
        documents.Select((d, i) => (DocId: ids[i], Score: d.Zip(query).Sum(p => p.First * p.Second)))
            .OrderByDescending(p => p.Score).ThenByDescending(p => p.DocId, StringComparer.Ordinal).Take(k).ToArray();

    [Fact]
    public void Top_k_equals_a_brute_force_ranking_of_random_vectors()
    {
        var random = new Random(7);
        const int dim = 16;
        var documents = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var ids = Enumerable.Range(0, 300).Select(i => $"doc{i}").ToArray();
        var matrix = documents.SelectMany(d => d).ToArray();
        for (var q = 0; q < 5; q++)
        {
            var query = Enumerable.Range(0, dim).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var expected = BruteForce(query, documents, ids, 25);

            var top = ExactSearch.TopK(query, matrix, ids, dim, 25);

            Assert.Equal(expected.Select(e => e.DocId), top.Select(t => t.DocId));
            Assert.Equal(expected.Select(e => (double)e.Score), top.Select(t => (double)t.Score), (a, b) => Math.Abs(a - b) <= 1e-5);
        }
    }

    [Fact]
    public void Ties_are_broken_by_doc_id_descending()
    {
        float[] matrix = [1, 0, 1, 0, 1, 0, 0, 1];
        string[] ids = ["b", "c", "a", "z"];

        var top = ExactSearch.TopK([1f, 0f], matrix, ids, 2, 3);

        Assert.Equal([("c", 1f), ("b", 1f), ("a", 1f)], top);
    }

    [Fact]
    public void A_k_above_the_document_count_returns_every_document()
    {
        float[] matrix = [1, 2, 3];
        string[] ids = ["x", "y", "z"];

        var top = ExactSearch.TopK([1f], matrix, ids, 1, 10);

        Assert.Equal([("z", 3f), ("y", 2f), ("x", 1f)], top);
    }
}
