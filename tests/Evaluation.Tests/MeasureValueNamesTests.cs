using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests;

public class MeasureValueNamesTests
{
    private static readonly Qrels Judgments = Qrels.FromJudgments([("q1", "d1", 1), ("q2", "d2", 2)]);
    private static readonly TrecRun Run = TrecRun.FromResults("r", [("q1", "d1", 2.0), ("q1", "d3", 1.0), ("q2", "d2", 1.0)]);

    [Fact]
    public void Values_come_in_the_order_of_the_arguments_not_trec_evals()
    {
        var names = MeasureValueNames.Resolve(["ndcg_cut.10", "recip_rank", "map", "recall.100"]);

        Assert.Equal(["ndcg_cut_10", "recip_rank", "map", "recall_100"], names.Select(n => n.Name));
        Assert.Equal(["ndcg_cut", "recip_rank", "map", "recall"], names.Select(n => n.Measure));
        Assert.All(names, n => Assert.True(n.IsComparable));
    }

    [Fact]
    public void The_names_are_exactly_those_the_evaluator_reports()
    {
        string[] specifications = ["P.5", "official", "P.10", "ndcg_cut.3", "relstring.4"];

        var names = MeasureValueNames.Resolve(specifications);
        var result = TrecEvaluator.Evaluate(Judgments, Run, new EvaluationOptions { Measures = specifications });

        Assert.Equal(
            result.MeasureNames.Order(StringComparer.Ordinal),
            names.Where(n => n.IsNumeric).Select(n => n.Name).Order(StringComparer.Ordinal));
        foreach (var name in names.Where(n => n.IsNumeric))
        {
            Assert.Equal(name.HasPerQueryValues, result.PerQueryValues(name.Name).Count > 0);
        }
    }

    [Fact]
    public void The_first_parameters_given_for_a_measure_win_and_it_is_listed_once()
    {
        var names = MeasureValueNames.Resolve(["P.5", "map", "P.10"]);

        Assert.Equal(["P_5", "map"], names.Select(n => n.Name));
        Assert.Equal(["P.5", "map"], names.Select(n => n.Specification));
    }

    [Fact]
    public void Summary_only_and_text_values_are_not_comparable()
    {
        var names = MeasureValueNames.Resolve(["num_q", "gm_map", "gm_bpref", "runid", "relstring", "num_ret"]);

        Assert.Equal(
            [("num_q", false), ("gm_map", false), ("gm_bpref", false), ("runid", false), ("relstring", false), ("num_ret", true)],
            names.Select(n => (n.Name, n.IsComparable)));
    }

    [Fact]
    public void An_unknown_measure_is_an_evaluation_error()
    {
        var error = Assert.Throws<EvaluationException>(() => MeasureValueNames.Resolve(["nope"]));

        Assert.StartsWith("unknown measure 'nope'", error.Message, StringComparison.Ordinal);
    }
}
