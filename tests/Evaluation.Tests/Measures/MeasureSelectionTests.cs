using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests.Measures;

public class MeasureSelectionTests
{
    private static readonly Qrels SmallQrels = Qrels.FromJudgments([("q1", "d1", 1), ("q1", "d2", 0), ("q2", "d3", 2)]);
    private static readonly TrecRun SmallRun = TrecRun.FromResults("r", [("q1", "d1", 2.0), ("q1", "d9", 1.0), ("q2", "d3", 1.0)]);

    private static EvaluationResult Evaluate(params string[] measures) =>
        TrecEvaluator.Evaluate(SmallQrels, SmallRun, new EvaluationOptions { Measures = measures });

    [Theory]
    [InlineData("nosuchmeasure", "unknown measure 'nosuchmeasure'")]
    [InlineData("P.", "empty parameter list")]
    [InlineData("P.0,5", "cutoffs must be positive")]
    [InlineData("P.-3", "cutoffs must be positive")]
    [InlineData("P.5,5", "duplicate cutoffs")]
    [InlineData("iprec_at_recall.0.5,0.5", "duplicate cutoffs")]
    [InlineData("utility.1,2,3", "needs exactly 4 coefficients")]
    [InlineData("ndcg.1", "malformed pair parameters")]
    [InlineData("ndcg.1=2,", "malformed pair parameters")]
    [InlineData("ndcg.1=2=3", "malformed pair parameters")]
    [InlineData("prefs_simp", "needs preference or jg judgments")]
    [InlineData("qrels_jg", "needs preference or jg judgments")]
    [InlineData("", "empty measure name")]
    public void Bad_measure_requests_are_rejected_with_a_message_that_names_the_problem(string measure, string message)
    {
        var error = Assert.Throws<EvaluationException>(() => Evaluate(measure));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_come_out_in_trec_eval_measure_order_whatever_the_request_order()
    {
        var result = Evaluate("ndcg_cut.10", "P.5", "map", "num_q");

        Assert.Equal(["num_q", "map", "P_5", "ndcg_cut_10"], result.MeasureNames);
    }

    [Fact]
    public void Cutoffs_are_sorted_and_the_first_parameter_list_for_a_measure_wins()
    {
        var result = Evaluate("P.10,2", "P.7", "all_trec");

        Assert.Equal(["P_2", "P_10"], result.MeasureNames.Where(static n => n.StartsWith("P_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Value_list_measures_given_parameters_print_them_in_their_name()
    {
        var result = Evaluate("utility.1,0,0,0", "set_F.0.5", "rbp.p=0.5", "iprec_at_recall.0.125");

        Assert.Equal(["iprec_at_recall_0.12", "utility_1,0,0,0", "set_F_0.5", "rbp_p=0.5"], result.MeasureNames);
    }

    [Fact]
    public void The_default_is_the_official_set()
    {
        var defaults = TrecEvaluator.Evaluate(SmallQrels, SmallRun);
        var official = Evaluate("official");

        Assert.Equal(official.MeasureNames, defaults.MeasureNames);
        Assert.Equal(TrecEvalTextWriter.ToText(official), TrecEvalTextWriter.ToText(defaults));
    }
}
