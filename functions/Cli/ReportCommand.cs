using System.CommandLine;
using System.Globalization;
using System.Text;
using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Formats;
using Pipeline.Formats.Trec;
using Pipeline.Reporting.Assembly;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Markdown;
using Pipeline.Reporting.Model;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline report QRELS RUN_A RUN_B [...] [-m measure]... [--depths 10,20,50,100] [--out DIR] [--title T]</c>:
/// evaluates and compares the runs as <c>compare</c> does and writes <c>report.md</c> and <c>report.html</c>.
/// </summary>
internal static class ReportCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="timeProvider">The clock of the report's time stamp; <see cref="TimeProvider.System"/> when null.</param>
    public static Command Create(TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var inputs = RunComparisonInputs.Create();
        var depths = new Option<string?>("--depths")
        {
            Description = "Rerank depths for a depth sweep of the first measure, e.g. 10,20,50,100: the first run is taken "
                + "as the first stage and every other run as its reranking; at depth d a run's order applies to the "
                + "first run's top d documents only (the rest keep the first run's order). Positive whole numbers.",
            HelpName = "d1,d2,...",
        };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Folder to write report.md and report.html into; created if missing; existing report files are replaced. "
                + "A blob prefix (az://container/path or a blob URL) gets report.md, then report.html.",
            HelpName = "dir",
            DefaultValueFactory = _ => "report",
        };
        var title = new Option<string?>("--title")
        {
            Description = "The report's heading. Default 'Evaluation report'.",
            HelpName = "text",
        };
        var test = new Option<string>("--test")
        {
            Description = "The significance test behind the † marker and the p-values shown: 'perm' (paired randomization "
                + "test) or 't' (paired t-test); two-sided, Holm-adjusted across every (run, measure) comparison, α = 0.05.",
            HelpName = "perm|t",
            DefaultValueFactory = _ => "perm",
        };

        var command = new Command("report",
            "Evaluate runs against qrels (as 'pipeline eval -c'), compare each with the first, and write a Markdown and "
            + "a self-contained HTML report: the metric table with Holm-adjusted significance, a per-query chart of the "
            + "first measure (first run against the second), and with --depths a rerank-depth chart. Prints the two paths.");
        inputs.AddTo(command);
        command.Options.Add(depths);
        command.Options.Add(outDir);
        command.Options.Add(title);
        command.Options.Add(test);

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (inputs.Parse(parseResult, "report", error) is not { } parsed)
            {
                return CliApp.BadInput;
            }
            var testName = parseResult.GetValue(test);
            if (testName is not ("perm" or "t"))
            {
                error.WriteLine($"error: --test must be 'perm' or 't' (got '{testName}')");
                return CliApp.BadInput;
            }
            int[]? depthList = null;
            if (parseResult.GetValue(depths) is { } depthText && !TryParseDepths(depthText, out depthList, out var depthError))
            {
                error.WriteLine($"error: --depths: {depthError}");
                return CliApp.BadInput;
            }
            var settings = new Settings(
                parseResult.GetValue(outDir)!,
                parseResult.GetValue(title) is { Length: > 0 } t ? t : "Evaluation report",
                testName == "perm",
                depthList);
            using var locations = new CliLocations(parsed.Connection);
            return CliLocations.Guard(error,
                () => Run(locations, parsed.QrelsPath, parsed.RunPaths, parsed.Evaluation, parsed.Comparison, settings, clock, output, error));
        });
        return command;
    }

    private sealed record Settings(string OutDir, string Title, bool Randomization, int[]? Depths);

    /// <summary>"10,20,50,100" → sorted distinct positive depths.</summary>
    internal static bool TryParseDepths(string text, out int[] depths, out string error)
    {
        var parsed = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) || depth < 1)
            {
                depths = [];
                error = $"'{part}' is not a positive whole number (expected a list such as 10,20,50,100)";
                return false;
            }
            parsed.Add(depth);
        }
        depths = [.. parsed];
        error = string.Empty;
        return true;
    }

    private static int Run(
        CliLocations locations,
        string qrelsText,
        string[] runTexts,
        EvaluationOptions evaluation,
        ComparisonOptions comparisonOptions,
        Settings settings,
        TimeProvider clock,
        TextWriter output,
        TextWriter error)
    {
        string markdown;
        string html;
        // Checked before any work: a blob prefix needs a connection.
        var target = locations.Output(settings.OutDir);
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
            // Only the depth sweep needs the runs themselves once they are evaluated.
            var kept = settings.Depths is null ? null : new TrecRun[runPaths.Length];
            var values = new List<(string RunName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQuery)>();
            for (var i = 0; i < runPaths.Length; i++)
            {
                var run = TrecRunReader.Read(runPaths[i]);
                values.Add((names[i], RunComparisonInputs.PerQueryValues(qrels, run, evaluation, measures)));
                kept?[i] = run;
            }
            var comparison = ComparisonBuilder.Compare(values, measures, comparisonOptions);
            var sweep = settings.Depths is { } depths && kept is not null
                ? ComparisonReportAssembler.Sweep(qrels, kept, names, depths, measures[0], evaluation)
                : null;
            var report = ComparisonReportAssembler.Build(settings.Title, clock.GetUtcNow(), qrelsText, runTexts, comparison,
                values.Select(static v => v.PerQuery).ToArray(),
                settings.Randomization ? SignificanceTest.Randomization : SignificanceTest.TTest, sweep);
            markdown = Render(report, MarkdownReportWriter.Write);
            html = Render(report, HtmlReportWriter.Write);
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
            // ArgumentException: the comparison or a report writer refused the values; nothing has been written.
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }

        try
        {
            // A blob prefix: written into a temporary folder, then report.md uploaded, then report.html.
            Directory.CreateDirectory(target.LocalPath);
            WriteAtomically(Path.Combine(target.LocalPath, "report.md"), markdown);
            WriteAtomically(Path.Combine(target.LocalPath, "report.html"), html);
            target.Publish("report.md", "report.html");
            output.WriteLine(target.Shown("report.md"));
            output.WriteLine(target.Shown("report.html"));
            output.Flush();
            return CliApp.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write the report into {settings.OutDir}: {e.Message}");
            return CliApp.Failed;
        }
    }

    private static string Render(EvaluationReport report, Action<EvaluationReport, TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes a temporary file next to <paramref name="path"/> and renames it over, so the file is whole or absent.</summary>
    private static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, content, Utf8NoBom);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
