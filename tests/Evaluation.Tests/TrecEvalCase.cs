using Pipeline.Formats.Text;

namespace Pipeline.Evaluation.Tests;

/// <summary>One line of data/trec_eval/cases.tsv: inputs, trec_eval arguments and trec_eval's output.</summary>
public sealed record TrecEvalCase(string Id, string Origin, string Qrels, string Run, string Arguments, string Expected)
{
    private static readonly Lazy<IReadOnlyDictionary<string, TrecEvalCase>> All = new(Load);

    public static IReadOnlyDictionary<string, TrecEvalCase> ById => All.Value;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in ById.Keys)
        {
            data.Add(id);
        }
        return data;
    }

    /// <summary>trec_eval's output lines for this case.</summary>
    public IReadOnlyList<string> ExpectedLines()
    {
        using var reader = InputFile.OpenText(TestData.TrecEval(Expected));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    public override string ToString() => Id;

    private static Dictionary<string, TrecEvalCase> Load()
    {
        var cases = new Dictionary<string, TrecEvalCase>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(TestData.TrecEval("cases.tsv")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var f = line.Split('\t');
            cases.Add(f[0], new TrecEvalCase(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return cases;
    }
}
