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

    [Fact]
    public void MaxScore_returns_exactly_what_exhaustive_scoring_returns()
    {
        var shards = Collections.Shards(Collections.SciFact, 3);
        var statistics = CollectionStatistics.Merge(shards.Select(s => s.Statistics));
        var searcher = new ShardSearcher(shards[1], statistics);
        var mismatches = new List<string>();
        foreach (var k in new[] { 1, 10, 100, 1000 })
        {
            foreach (var query in Collections.SciFactQueries)
            {
                var terms = QueryTerms.Analyze(Text.Analyzer.English, query.Text);
                if (!searcher.Search(terms, k).SequenceEqual(searcher.SearchExhaustive(terms, k)))
                {
                    mismatches.Add($"k={k} query {query.QueryId}");
                }
            }
        }
        Assert.Empty(mismatches);
    }
}
