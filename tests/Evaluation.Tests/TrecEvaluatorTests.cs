using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests;

public class TrecEvaluatorTests
{
    private static readonly Qrels Judgments = QrelsReader.Read(TestData.TrecEval("qrels/cranfield.qrels.txt"));
    private static readonly TrecRun MissingQueries = TrecRunReader.Read(TestData.TrecEval("own/missing-queries.run.gz"));

    [Fact]
    public void Without_complete_queries_missing_run_queries_are_skipped_as_if_the_qrels_lacked_them()
    {
        var restricted = Qrels.FromJudgments(
            from q in Judgments.QueryIds
            where MissingQueries.ForQuery(q) is not null
            from j in Judgments.ForQuery(q)!
            select (q, j.Key, j.Value));
        var options = new EvaluationOptions { Measures = ["all_trec"], PerQuery = true };

        var skipped = TrecEvaluator.Evaluate(Judgments, MissingQueries, options);
        var onRunQueries = TrecEvaluator.Evaluate(restricted, MissingQueries, options);

        Assert.Equal(MissingQueries.QueryCount, skipped.QueryIds.Count);
        Assert.Equal(TrecEvalTextWriter.ToText(onRunQueries), TrecEvalTextWriter.ToText(skipped));
    }

    [Fact]
    public void With_complete_queries_every_qrels_query_is_evaluated_and_missing_ones_score_zero()
    {
        var result = TrecEvaluator.Evaluate(Judgments, MissingQueries, new EvaluationOptions { Measures = ["map", "num_q"], CompleteQueries = true });
        var missing = Judgments.QueryIds.Where(q => MissingQueries.ForQuery(q) is null).ToArray();

        Assert.Equal(Judgments.QueryCount, result.QueryIds.Count);
        Assert.Equal(Judgments.QueryCount, result.Summary("num_q"));
        Assert.All(missing, q => Assert.Equal(0.0, result.PerQueryValues("map")[q]));
    }

    [Fact]
    public void Run_queries_absent_from_the_qrels_are_ignored()
    {
        var run = TrecRunReader.Read(TestData.TrecEval("own/extra-queries.run.gz"));

        var result = TrecEvaluator.Evaluate(Judgments, run, new EvaluationOptions { Measures = ["map"] });

        Assert.Equal(run.QueryCount - 2, result.QueryIds.Count);
        Assert.DoesNotContain("zz-not-judged", result.QueryIds);
        Assert.DoesNotContain("0", result.QueryIds);
    }

    [Fact]
    public void A_run_with_no_query_in_the_qrels_is_an_error()
    {
        var run = TrecRun.FromResults("r", [("unknown", "d1", 1.0)]);

        var error = Assert.Throws<EvaluationException>(() => TrecEvaluator.Evaluate(Judgments, run));

        Assert.Contains("no query has both results and relevance judgments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_document_limit_is_an_error()
    {
        var error = Assert.Throws<EvaluationException>(
            () => TrecEvaluator.Evaluate(Judgments, MissingQueries, new EvaluationOptions { MaxDocsPerQuery = -1 }));

        Assert.Contains("-M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_are_evaluated_in_byte_order_of_their_ids()
    {
        var result = TrecEvaluator.Evaluate(Judgments, MissingQueries);

        Assert.Equal(result.QueryIds.Order(StringComparer.Ordinal), result.QueryIds);
        Assert.NotEqual(result.QueryIds.OrderBy(static q => int.Parse(q, System.Globalization.CultureInfo.InvariantCulture)), result.QueryIds);
    }
}
