using System.Globalization;
using System.Reflection;
using Pipeline.Evaluation.Depth;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests.Depth;

public class RerankDepthSweepTests
{
    private static readonly Qrels Cranfield = QrelsReader.Read(TestData.TrecEval("qrels/cranfield.qrels.txt"));
    private static readonly TrecRun Bm25 = TrecRunReader.Read(TestData.TrecEval("runs/cranfield.bm25.run.gz"));

    private static readonly string[] AllTrec = ["all_trec"];

    /// <summary>
    /// A "reranked" run over every BM25 candidate plus one document per query that BM25 did not retrieve, with
    /// scores from a fixed arithmetic function of the document number that gives many ties (97 distinct values).
    /// </summary>
    private static TrecRun RerankEverything()
    {
        var lines = new List<(string, string, double)>();
        foreach (var queryId in Bm25.QueryIds)
        {
            foreach (var doc in Bm25.ForQuery(queryId)!)
            {
                lines.Add((queryId, doc.DocId, ScoreOf(doc.DocId)));
            }
            lines.Add((queryId, "not-a-candidate", 1_000.0));
        }
        return TrecRun.FromResults("rerank", lines);
    }

    private static double ScoreOf(string docId) => int.Parse(docId, CultureInfo.InvariantCulture) * 31 % 97;

    private static string[] Order(TrecRun run, string queryId) =>
        run.ForQuery(queryId)!
            .OrderByDescending(d => d.Score)
            .ThenByDescending(d => d.DocId, StringComparer.Ordinal)
            .Select(d => d.DocId)
            .ToArray();

    [Fact]
    public void Depth_at_or_beyond_the_candidate_count_equals_the_reranked_run_restricted_to_the_candidates()
    {
        var reranked = RerankEverything();
        var restricted = TrecRun.FromResults("rerank",
            from queryId in reranked.QueryIds
            from doc in reranked.ForQuery(queryId)!
            where doc.DocId != "not-a-candidate"
            select (queryId, doc.DocId, doc.Score));
        var longest = Bm25.QueryIds.Max(q => Bm25.ForQuery(q)!.Count);
        var options = new EvaluationOptions { CompleteQueries = true };

        var sweep = RerankDepthSweep.Compute(Cranfield, Bm25, reranked, [longest, longest + 500], AllTrec, options);
        var expected = TrecEvaluator.Evaluate(Cranfield, restricted, new EvaluationOptions { Measures = AllTrec, CompleteQueries = true });

        Assert.Equal(expected.MeasureNames, sweep.MeasureNames);
        foreach (var atDepth in sweep.AtDepths)
        {
            foreach (var measure in expected.MeasureNames)
            {
                Assert.Equal(expected.Summary(measure), atDepth.Summary(measure));
                Assert.Equal(expected.PerQueryValues(measure), atDepth.PerQueryValues(measure));
            }
        }
    }

    [Fact]
    public void Depth_zero_equals_the_first_stage_run()
    {
        var sweep = RerankDepthSweep.Compute(Cranfield, Bm25, RerankEverything(), [0], AllTrec);
        var expected = TrecEvaluator.Evaluate(Cranfield, Bm25, new EvaluationOptions { Measures = AllTrec });

        foreach (var measure in expected.MeasureNames)
        {
            Assert.Equal(expected.Summary(measure), sweep.AtDepths[0].Summary(measure));
            Assert.Equal(expected.Summary(measure), sweep.FirstStageSummary(measure));
            Assert.Equal(expected.PerQueryValues(measure), sweep.AtDepths[0].PerQueryValues(measure));
        }
    }

    [Fact]
    public void A_depth_between_reorders_only_the_top_candidates()
    {
        var reranked = RerankEverything();

        var atTen = RerankDepthSweep.AtDepth(Bm25, reranked, 10);

        foreach (var queryId in Bm25.QueryIds)
        {
            var first = Order(Bm25, queryId);
            // Reranked order restricted to the top 10: score descending, ties by doc id descending (ordinal = bytes for digits).
            var expectedTop = first.Take(10)
                .OrderByDescending(ScoreOf)
                .ThenByDescending(d => d, StringComparer.Ordinal)
                .ToArray();
            var actual = Order(atTen, queryId);

            Assert.Equal([.. expectedTop, .. first.Skip(10)], actual);
        }
    }

    [Fact]
    public void A_hand_computed_example_gives_the_expected_reciprocal_ranks()
    {
        // First stage d1 > d2 > d3 > d4; the reranker reverses them; only d3 is relevant.
        var qrels = Qrels.FromJudgments([("q", "d3", 1), ("q", "d1", 0)]);
        var firstStage = TrecRun.FromResults("bm25", [("q", "d1", 4.0), ("q", "d2", 3.0), ("q", "d3", 2.0), ("q", "d4", 1.0)]);
        var reranked = TrecRun.FromResults("ce", [("q", "d1", 0.1), ("q", "d2", 0.2), ("q", "d3", 0.3), ("q", "d4", 0.4)]);

        var sweep = RerankDepthSweep.Compute(qrels, firstStage, reranked, [1, 2, 3, 4, 10], ["recip_rank"]);

        // depth 1: d1 d2 d3 d4 -> 1/3; depth 2: d2 d1 d3 d4 -> 1/3; depth 3: d3 d2 d1 d4 -> 1;
        // depth 4 and 10: d4 d3 d2 d1 -> 1/2.
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0, 0.5, 0.5], sweep.Summaries("recip_rank"));
        Assert.Equal(1.0 / 3, sweep.FirstStageSummary("recip_rank"));
        Assert.Equal([1, 2, 3, 4, 10], sweep.Depths);
    }

    [Fact]
    public void Top_documents_the_reranked_run_lacks_follow_the_reranked_ones_in_first_stage_order()
    {
        var firstStage = TrecRun.FromResults("bm25", [("q", "d1", 4.0), ("q", "d2", 3.0), ("q", "d3", 2.0), ("q", "d4", 1.0), ("q", "d5", 0.5)]);
        var reranked = TrecRun.FromResults("ce", [("q", "d1", 0.1), ("q", "d3", 0.9), ("q", "d5", 0.95)]);

        var run = RerankDepthSweep.AtDepth(firstStage, reranked, 4);

        // Top 4 = d1..d4; reranked has d3 > d1; d2, d4 missing keep their order; d5 stays below the depth.
        Assert.Equal(["d3", "d1", "d2", "d4", "d5"], Order(run, "q"));
        Assert.Equal([5.0, 4.0, 3.0, 2.0, 1.0], run.ForQuery("q")!.Select(d => d.Score).OrderDescending().ToArray());
        Assert.Equal("ce@4", run.RunId);
    }

    [Fact]
    public void First_stage_ties_are_broken_by_document_id_descending_before_cutting_at_the_depth()
    {
        var firstStage = TrecRun.FromResults("bm25", [("q", "a", 1.0), ("q", "b", 1.0), ("q", "c", 1.0)]);
        var reranked = TrecRun.FromResults("ce", [("q", "a", 3.0), ("q", "b", 2.0), ("q", "c", 1.0)]);

        Assert.Equal(["c", "b", "a"], Order(RerankDepthSweep.AtDepth(firstStage, reranked, 1), "q"));
        Assert.Equal(["b", "c", "a"], Order(RerankDepthSweep.AtDepth(firstStage, reranked, 2), "q"));
        Assert.Equal(["a", "b", "c"], Order(RerankDepthSweep.AtDepth(firstStage, reranked, 3), "q"));
    }

    [Fact]
    public void A_query_the_reranked_run_lacks_keeps_its_first_stage_order_and_extra_queries_are_ignored()
    {
        var firstStage = TrecRun.FromResults("bm25", [("q1", "a", 2.0), ("q1", "b", 1.0), ("q2", "x", 2.0), ("q2", "y", 1.0)]);
        var reranked = TrecRun.FromResults("ce", [("q2", "y", 5.0), ("q2", "x", 1.0), ("q3", "z", 1.0)]);

        var run = RerankDepthSweep.AtDepth(firstStage, reranked, 2);

        Assert.Equal(["q1", "q2"], run.QueryIds);
        Assert.Equal(["a", "b"], Order(run, "q1"));
        Assert.Equal(["y", "x"], Order(run, "q2"));
    }

    [Fact]
    public void Negative_depths_and_an_empty_depth_list_are_rejected()
    {
        var run = TrecRun.FromResults("r", [("q", "d", 1.0)]);
        var qrels = Qrels.FromJudgments([("q", "d", 1)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => RerankDepthSweep.AtDepth(run, run, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RerankDepthSweep.Compute(qrels, run, run, [5, -1]));
        Assert.Throws<ArgumentException>(() => RerankDepthSweep.Compute(qrels, run, run, []));
    }

    [Fact]
    public void Replacing_the_measures_copies_every_other_evaluation_option()
    {
        var options = new EvaluationOptions
        {
            Measures = ["map"],
            RelevanceLevel = 2,
            MaxDocsPerQuery = 7,
            CompleteQueries = true,
            PerQuery = true,
            PrintSummary = false,
            JudgedDocsOnly = true,
            NumDocsInCollection = 11,
            MaxDegreeOfParallelism = 3,
        };

        var copy = RerankDepthSweep.WithMeasures(options, ["P.5"]);

        var properties = typeof(EvaluationOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        // A new option must be copied by WithMeasures; this list makes the test fail until it is.
        Assert.Equal(
            ["CompleteQueries", "JudgedDocsOnly", "MaxDegreeOfParallelism", "MaxDocsPerQuery", "Measures", "NumDocsInCollection", "PerQuery", "PrintSummary", "RelevanceLevel"],
            properties.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var property in properties.Where(p => p.Name != "Measures"))
        {
            Assert.Equal(property.GetValue(options), property.GetValue(copy));
        }
        Assert.Equal(["P.5"], copy.Measures);
    }
}
