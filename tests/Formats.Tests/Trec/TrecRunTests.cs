using Pipeline.Formats.Trec;

namespace Pipeline.Formats.Tests.Trec;

public class TrecRunTests
{
    private static IEnumerable<(string, string, double)> Lines(TrecRun run) =>
        run.QueryIds.SelectMany(q => run.ForQuery(q)!.Select(d => (q, d.DocId, d.Score)));

    [Fact]
    public void From_rankings_equals_from_results_over_the_same_lines()
    {
        (string, IReadOnlyList<ScoredDoc>)[] rankings =
        [
            ("q2", [new("b", 3.0), new("a", 2.5), new("c", 2.5)]),
            ("q1", []),
            ("q10", [new("z", -1.0)]),
        ];

        var fromRankings = TrecRun.FromRankings("tag", rankings);
        var fromResults = TrecRun.FromResults("tag", rankings.SelectMany(r => r.Item2.Select(d => (r.Item1, d.DocId, d.Score))));

        Assert.Equal(["q2", "q10"], fromRankings.QueryIds);
        Assert.Equal(4, fromRankings.LineCount);
        Assert.Null(fromRankings.ForQuery("q1"));
        Assert.Equal(Lines(fromResults), Lines(fromRankings));
        Assert.Equal(fromResults.RunId, fromRankings.RunId);
    }

    [Fact]
    public void From_rankings_refuses_a_document_twice_in_one_query()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TrecRun.FromRankings("t", [("q1", [new ScoredDoc("a", 1), new ScoredDoc("b", 1), new ScoredDoc("a", 0.5)])]));
        Assert.Contains("document 'a' appears twice for query 'q1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_rankings_allows_one_document_in_many_queries_but_refuses_a_query_twice()
    {
        var run = TrecRun.FromRankings("t", [("q1", [new ScoredDoc("a", 1)]), ("q2", [new ScoredDoc("a", 1)])]);
        Assert.Equal(2, run.LineCount);

        var e = Assert.Throws<ArgumentException>(() =>
            TrecRun.FromRankings("t", [("q1", [new ScoredDoc("a", 1)]), ("q1", [new ScoredDoc("b", 1)])]));
        Assert.Contains("query 'q1' has two rankings", e.Message, StringComparison.Ordinal);
    }
}
