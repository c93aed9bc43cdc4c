using Pipeline.Formats.Trec;
using Pipeline.Retrieval.Bm25;

namespace Pipeline.Retrieval.Tests.Bm25;

public class ShardingTests
{
    private static IEnumerable<(string, string, double)> Lines(TrecRun run) =>
        run.QueryIds.SelectMany(q => run.ForQuery(q)!.Select(d => (q, d.DocId, d.Score)));

    [Theory]
    [InlineData(1000)]
    [InlineData(10)]
    public void A_run_over_7_shards_equals_the_run_over_1_shard(int k)
    {
        var queries = Collections.SciFactQueries;
        var one = Collections.Searcher(Collections.SciFact, 1).SearchAll(queries, k, "bm25");
        var seven = Collections.Searcher(Collections.SciFact, 7).SearchAll(queries, k, "bm25");
        Assert.Equal(300, one.QueryCount);
        Assert.True(one.LineCount >= 300L * Math.Min(k, 900), $"{one.LineCount} lines");
        Assert.Equal(Lines(one), Lines(seven));
    }

    [Fact]
    public void Global_statistics_of_7_shards_equal_those_of_1_shard()
    {
        var one = CollectionStatistics.Merge(Collections.Shards(Collections.SciFact, 1).Select(s => s.Statistics));
        var seven = CollectionStatistics.Merge(Collections.Shards(Collections.SciFact, 7).Select(s => s.Statistics));
        Assert.Equal(one.DocCount, seven.DocCount);
        Assert.Equal(one.TotalLength, seven.TotalLength);
        Assert.Equal(one.DocFrequencies.OrderBy(p => p.Key, StringComparer.Ordinal), seven.DocFrequencies.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Bm25Traversal.MaxScore)]
    [InlineData(Bm25Traversal.Accumulate)]
    [InlineData(Bm25Traversal.Auto)]
    public void Each_traversal_returns_exactly_what_exhaustive_scoring_returns(Bm25Traversal traversal)
    {
        var shards = Collections.Shards(Collections.SciFact, 3);
        var statistics = CollectionStatistics.Merge(shards.Select(s => s.Statistics));
        var searcher = new ShardSearcher(shards[1], statistics);
        var mismatches = new List<string>();
        foreach (var k in new[] { 1, 10, 100, 1000, 5000 })
        {
            foreach (var query in Collections.SciFactQueries)
            {
                var terms = QueryTerms.Analyze(Text.Analyzer.English, query.Text);
                if (!searcher.Search(terms, k, traversal).SequenceEqual(searcher.SearchExhaustive(terms, k)))
                {
                    mismatches.Add($"k={k} query {query.QueryId}");
                }
            }
        }
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(Bm25Traversal.MaxScore)]
    [InlineData(Bm25Traversal.Accumulate)]
    public void Traversals_break_ties_alike_when_every_document_has_copies(Bm25Traversal traversal)
    {
        // Three copies of 400 SciFact documents under different ids: every score ties at least three ways, so the
        // top k cuts through tie groups and only the doc-id order decides which copies enter.
        var copies = Collections.SciFact.Take(400)
            .SelectMany(d => new[] { "c", "a", "b" }.Select(tag => d with { DocId = $"{tag}-{d.DocId}" }))
            .ToList();
        var shard = Collections.Shards(copies, 1)[0];
        var searcher = new ShardSearcher(shard, CollectionStatistics.Merge([shard.Statistics]));
        var cut = 0;
        foreach (var k in new[] { 1, 2, 7, 50, 301 })
        {
            foreach (var query in Collections.SciFactQueries.Take(60))
            {
                var terms = QueryTerms.Analyze(Text.Analyzer.English, query.Text);
                var expected = searcher.SearchExhaustive(terms, k);
                Assert.Equal(expected, searcher.Search(terms, k, traversal));
                var oneMore = searcher.SearchExhaustive(terms, k + 1);
                if (oneMore.Count > k && oneMore[k].Score == oneMore[k - 1].Score)
                {
                    cut++;
                }
            }
        }
        Assert.True(cut > 0, "no top k ended inside a tie group");
    }

    [Fact]
    public void A_threads_score_array_is_left_clean_between_queries_on_shards_of_different_sizes()
    {
        // Accumulation keeps one score array per thread across shards: a large shard's query followed by a small
        // shard's (and back) must give the same lists as fresh searches.
        var small = Collections.Shards(Collections.SciFact.Take(300).ToList(), 1)[0];
        var large = Collections.Shards(Collections.SciFact, 1)[0];
        var smallSearcher = new ShardSearcher(small, CollectionStatistics.Merge([small.Statistics]));
        var largeSearcher = new ShardSearcher(large, CollectionStatistics.Merge([large.Statistics]));
        foreach (var query in Collections.SciFactQueries.Take(40))
        {
            var terms = QueryTerms.Analyze(Text.Analyzer.English, query.Text);
            Assert.Equal(largeSearcher.SearchExhaustive(terms, 100), largeSearcher.Search(terms, 100, Bm25Traversal.Accumulate));
            Assert.Equal(smallSearcher.SearchExhaustive(terms, 100), smallSearcher.Search(terms, 100, Bm25Traversal.Accumulate));
        }
    }
}
