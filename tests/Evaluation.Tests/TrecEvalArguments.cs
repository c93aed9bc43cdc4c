using System.Globalization;

namespace Pipeline.Evaluation.Tests;

/// <summary>The trec_eval command-line flags the fixtures use, as <see cref="EvaluationOptions"/>.</summary>
internal static class TrecEvalArguments
{
    public static EvaluationOptions Parse(string arguments, int? maxDegreeOfParallelism = null)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var measures = new List<string>();
        bool perQuery = false, complete = false, judgedOnly = false, summary = true;
        int level = 1;
        long? maxDocs = null;
        long docsInCollection = 0;
        for (var i = 0; i < words.Length; i++)
        {
            switch (words[i])
            {
                case "-q": perQuery = true; break;
                case "-c": complete = true; break;
                case "-J": judgedOnly = true; break;
                case "-n": summary = false; break;
                case "-m": measures.Add(words[++i]); break;
                case "-l": level = int.Parse(words[++i], CultureInfo.InvariantCulture); break;
                case "-M": maxDocs = long.Parse(words[++i], CultureInfo.InvariantCulture); break;
                case "-N": docsInCollection = long.Parse(words[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"flag '{words[i]}' is not handled by the test harness", nameof(arguments));
            }
        }
        return new EvaluationOptions
        {
            Measures = measures.Count > 0 ? measures : EvaluationOptions.OfficialMeasures,
            PerQuery = perQuery,
            CompleteQueries = complete,
            JudgedDocsOnly = judgedOnly,
            PrintSummary = summary,
            RelevanceLevel = level,
            MaxDocsPerQuery = maxDocs,
            NumDocsInCollection = docsInCollection,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
        };
    }
}
