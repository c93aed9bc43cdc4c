using System.Globalization;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests;

/// <summary>The values behind the text: read back against trec_eval's own output for the same case.</summary>
public class EvaluationResultTests
{
    private static readonly TrecEvalCase Case = TrecEvalCase.ById["reference-cacm"];
    private static readonly EvaluationResult Result = TrecEvaluator.Evaluate(
        QrelsReader.Read(TestData.TrecEval(Case.Qrels)),
        TrecRunReader.Read(TestData.TrecEval(Case.Run)),
        TrecEvalArguments.Parse(Case.Arguments));

    private static Dictionary<(string Measure, string Query), string> ExpectedValues()
    {
        var values = new Dictionary<(string, string), string>();
        foreach (var line in Case.ExpectedLines())
        {
            var f = line.Split('\t');
            values[(f[0].TrimEnd(), f[1])] = f[2];
        }
        return values;
    }

    private static string Printed(string measure, double value) =>
        measure.StartsWith("num_", StringComparison.Ordinal)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("F4", CultureInfo.InvariantCulture);

    [Fact]
    public void Summary_values_are_the_values_trec_eval_prints_for_all()
    {
        var expected = ExpectedValues();

        Assert.All(Result.MeasureNames, m => Assert.Equal(expected[(m, "all")], Printed(m, Result.Summary(m))));
        Assert.Equal(expected[("runid", "all")], Result.RunId);
    }

    [Fact]
    public void Per_query_values_are_the_values_trec_eval_prints_for_each_query()
    {
        var expected = ExpectedValues();
        var map = Result.PerQueryValues("map");
        var ndcg = Result.PerQueryValues("ndcg_cut_10");

        Assert.Equal(Result.QueryIds, map.Keys);
        Assert.All(Result.QueryIds, q => Assert.Equal(expected[("map", q)], Printed("map", map[q])));
        Assert.All(Result.QueryIds, q => Assert.Equal(expected[("ndcg_cut_10", q)], Printed("ndcg_cut_10", ndcg[q])));
        Assert.All(Result.QueryIds, q => Assert.Equal(expected[("relstring", q)], "'" + Result.RelStrings[q] + "'"));
    }

    [Fact]
    public void Summary_only_values_have_no_per_query_values()
    {
        Assert.Empty(Result.PerQueryValues("gm_map"));
        Assert.Empty(Result.PerQueryValues("num_q"));
    }

    [Fact]
    public void Asking_for_a_measure_that_was_not_evaluated_names_the_ones_that_were()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Result.Summary("ndcg_cut_7"));

        Assert.Contains("ndcg_cut_10", error.Message, StringComparison.Ordinal);
    }
}
