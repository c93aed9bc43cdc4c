using System.CommandLine;
using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Formats;
using Pipeline.Formats.Trec;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline compare QRELS RUN_A RUN_B [RUN_C...] [-m measure]... [-l N] [-M N] [--format table|json]
/// [--permutations N] [--seed N] [--bootstrap N]</c>: each run against the first on per-query values, with paired
/// t-tests, randomization tests, bootstrap intervals and Holm-adjusted p-values.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var inputs = RunComparisonInputs.Create();
        var format = new Option<string>("--format")
        {
            Description = "Output: 'table' (fixed-width text, one block per measure) or 'json' "
                + "(format pipeline-compare, version 1).",
            HelpName = "table|json",
            DefaultValueFactory = _ => "table",
        };
        var bootstrap = new Option<int?>("--bootstrap")
        {
            Description = "Resamples of the percentile bootstrap confidence interval of the mean difference. Default 10000; at least 1.",
            HelpName = "num",
        };

        var command = new Command("compare",
            "Compare runs with the first (the baseline) on each measure: means, difference, wins/ties/losses, paired "
            + "t-test and randomization test p-values, a 95% bootstrap interval, and Holm-adjusted p-values across "
            + "every (run, measure) comparison. Every run is evaluated as 'pipeline eval -c' evaluates it.");
        inputs.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(bootstrap);

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (inputs.Parse(parseResult, "compare", error) is not { } parsed)
            {
                return CliApp.BadInput;
            }
            var formatName = parseResult.GetValue(format);
            if (formatName is not ("table" or "json"))
            {
                error.WriteLine($"error: --format must be 'table' or 'json' (got '{formatName}')");
                return CliApp.BadInput;
            }
            var resamples = parseResult.GetValue(bootstrap);
            if (resamples < 1)
            {
                error.WriteLine("error: --bootstrap must be at least 1");
                return CliApp.BadInput;
            }
            var comparison = parsed.Comparison;
            if (resamples is { } r)
            {
                comparison = new ComparisonOptions { Permutations = comparison.Permutations, Seed = comparison.Seed, BootstrapResamples = r };
            }
            using var locations = new CliLocations(parsed.Connection);
            return CliLocations.Guard(error,
                () => Run(locations, parsed.QrelsPath, parsed.RunPaths, parsed.Evaluation, comparison, formatName == "json", output, error));
        });
        return command;
    }

    private static int Run(
        CliLocations locations,
        string qrelsText,
        string[] runTexts,
        EvaluationOptions evaluation,
        ComparisonOptions comparison,
        bool json,
        TextWriter output,
        TextWriter error)
    {
        try
        {
            var measures = RunComparisonInputs.ComparableMeasures(evaluation.Measures, evaluation);
            if (RunComparisonInputs.Materialize(locations, qrelsText, runTexts, error) is not { } inputs)
            {
                return CliApp.BadInput;
            }
            var (qrelsPath, runPaths) = inputs;
            var qrels = QrelsReader.Read(qrelsPath);
            // Runs are named by the locations given, not by their temporary copies.
            var names = RunComparisonInputs.RunNames(runTexts);
            var runs = new List<(string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>)>(runPaths.Length);
            for (var i = 0; i < runPaths.Length; i++)
            {
                var run = TrecRunReader.Read(runPaths[i]);
                runs.Add((names[i], RunComparisonInputs.PerQueryValues(qrels, run, evaluation, measures)));
            }
            var report = ComparisonBuilder.Compare(runs, measures, comparison);
            if (json)
            {
                output.Write(ComparisonJsonWriter.Serialize(report));
                output.Write('\n');
            }
            else
            {
                ComparisonTextWriter.Write(report, output);
            }
            output.Flush();
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"error: {locations.Describe(e)}");
            return CliApp.BadInput;
        }
        catch (EvaluationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            // ArgumentException: the comparison refused the values (a non-finite per-query value).
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }
}
