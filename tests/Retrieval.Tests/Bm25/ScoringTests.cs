using Pipeline.Formats.Corpus;
using Pipeline.Retrieval.Bm25;
using Pipeline.Text;

namespace Pipeline.Retrieval.Tests.Bm25;

public class ScoringTests
{
    private static ShardIndex Index(params (string Id, string Title, string Text)[] docs)
    {
        var builder = new ShardIndexBuilder(Analyzer.English);
        builder.AddRange(docs.Select(d => new CorpusDocument(d.Id, d.Title, d.Text)));
        return builder.Build();
    }

    [Fact]
    public void Lengths_count_terms_after_analysis_over_title_and_text()
    {
        var index = Index(("d1", "The Cats", "cats and dogs"), ("d2", "", "the a of"), ("d3", "running", ""));
        Assert.Equal([3, 0, 1], index.DocLengths);
        Assert.Equal(2, index.Statistics.DocCount);
        Assert.Equal(4, index.Statistics.TotalLength);
        Assert.Equal(1, index.Statistics.DocFrequencies["cat"]);
        Assert.Equal(["cat", "dog", "run"], index.Terms);
    }

    [Fact]
    public void Score_is_Lucene_8_BM25_with_global_statistics()
    {
        var index = Index(("a", "", "apple apple banana"), ("b", "", "banana cherry"), ("c", "", "cherry"));
        var statistics = CollectionStatistics.Merge([index.Statistics]);
        var hits = new ShardSearcher(index, statistics).Search(QueryTerms.Analyze(Analyzer.English, "apple"), 10);
        var idf = Math.Log(1 + ((3 - 1 + 0.5) / (1 + 0.5)));
        var avgdl = 6.0 / 3;
        var expected = idf * (2 / (2 + (0.9 * (1 - 0.4 + (0.4 * 3 / avgdl)))));
        Assert.Equal([new("a", expected)], hits);
    }

    [Fact]
    public void Ties_go_to_the_later_doc_id_in_ordinal_order()
    {
        var index = Index(("B", "", "x"), ("a", "", "x"), ("C", "", "x"));
        var hits = new ShardSearcher(index, CollectionStatistics.Merge([index.Statistics])).Search(QueryTerms.Analyze(Analyzer.English, "x"), 2);
        Assert.Equal(["a", "C"], hits.Select(h => h.DocId));
    }

    [Fact]
    public void A_repeated_query_term_counts_as_often_as_it_occurs()
    {
        var query = QueryTerms.Analyze(Analyzer.English, "Cats and dogs and cats");
        Assert.Equal(["cat", "dog"], query.Terms);
        Assert.Equal([2, 1], query.Counts);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23, 23)]
    [InlineData(24, 24)]
    [InlineData(100, 96)]
    [InlineData(1000, 984)]
    public void Lossy_lengths_round_down_like_Lucene_norms(int length, int decoded)
    {
        Assert.Equal(decoded, LuceneNorms.Quantize(length));
    }

    [Fact]
    public void Shard_assignment_is_a_stable_hash()
    {
        // FNV-1a("a") = 0xE40C292C; 0xE40C292C mod 7 = 5.
        Assert.Equal(5, ShardAssignment.ShardOf("a", 7));
        Assert.Equal(0, ShardAssignment.ShardOf("a", 1));
    }
}
