using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests;

/// <summary>
/// Every case of data/trec_eval/cases.tsv: the evaluator's text must equal trec_eval 10.0's output line for line
/// (see data/trec_eval/README.md for how each expected file was made).
/// </summary>
public class TrecEvalInteropTests
{
    [Theory]
    [MemberData(nameof(TrecEvalCase.Ids), MemberType = typeof(TrecEvalCase))]
    public void Output_is_identical_to_trec_eval_output(string id)
    {
        var testCase = TrecEvalCase.ById[id];
        var qrels = QrelsReader.Read(TestData.TrecEval(testCase.Qrels));
        var run = TrecRunReader.Read(TestData.TrecEval(testCase.Run));

        var result = TrecEvaluator.Evaluate(qrels, run, TrecEvalArguments.Parse(testCase.Arguments));

        TextAssert.LinesEqual(testCase.ExpectedLines(), TrecEvalTextWriter.ToText(result), $"{id} (trec_eval {testCase.Arguments})");
    }

    [Fact]
    public void Output_does_not_depend_on_the_number_of_worker_threads()
    {
        var testCase = TrecEvalCase.ById["reference-scifact"];
        var qrels = QrelsReader.Read(TestData.TrecEval(testCase.Qrels));
        var run = TrecRunReader.Read(TestData.TrecEval(testCase.Run));

        var sequential = TrecEvalTextWriter.ToText(TrecEvaluator.Evaluate(qrels, run, TrecEvalArguments.Parse(testCase.Arguments, 1)));
        var parallel = TrecEvalTextWriter.ToText(TrecEvaluator.Evaluate(qrels, run, TrecEvalArguments.Parse(testCase.Arguments, 4)));

        Assert.Equal(sequential, parallel);
    }
}
