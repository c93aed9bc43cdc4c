using System.CommandLine;
using System.Globalization;
using Pipeline.Nightly;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline nightly --suites DIR|az://container/prefix [--date YYYY-MM-DD] [--store DIR|az://container] [--inputs DIR]
/// [--parallel N]</c>: one night by hand, exactly as the <c>NightlyEvaluation</c> timer runs it
/// (<see cref="NightlyRunner.RunAsync"/>). Exit 0 ok, 3 regression, 1 a job failed (or the run stopped), 2 bad
/// input, 4 another trigger for the date is still running.
/// </summary>
internal static class NightlyCommand
{
    /// <summary>Exit code: every job completed and a tracked measure regressed.</summary>
    public const int Regression = 3;

    /// <summary>Exit code: the date is claimed by a trigger that has not written its summary yet.</summary>
    public const int InProgress = 4;

    public static Command Create()
    {
        var suites = new Option<string>("--suites")
        {
            Description = "The suites: a folder, or az://container/prefix; every *.json directly in it is a suite (files a suite names as jobFile excepted).",
            HelpName = "dir|az://container/prefix",
            Required = true,
        };
        var date = new Option<string?>("--date") { Description = "The night to run (default: today in UTC).", HelpName = "yyyy-mm-dd" };
        var store = new Option<string>("--store")
        {
            Description = $"The job store, which also holds history/ and nightly/: a folder (default ./{RunCommand.DefaultStore}) or az://container.",
            HelpName = "dir|az://container",
            DefaultValueFactory = _ => RunCommand.DefaultStore,
        };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "The folder relative input locations of the jobs are resolved in (default: the suites folder, or the current folder for az:// suites).",
            HelpName = "dir",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Tasks run at once per job (default: the number of cores).",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("nightly", "Run one night of the nightly evaluation suites: every job under its dated id, history, regression "
            + "detection against the previous night and a rolling baseline, and nightly/<date>/summary.{md,html,json}. A date runs once; "
            + "running it again prints its summary's status. Exit 0 ok, 3 regression, 1 a job failed, 4 the date is still in progress.")
        {
            suites, date, store, inputs, parallel, connection,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var stdout = parseResult.InvocationConfiguration.Output;
            return Task.FromResult(CliLocations.Guard(stderr, () => Run(parseResult.GetValue(connection), parseResult.GetValue(suites)!,
                parseResult.GetValue(date), parseResult.GetValue(store)!, parseResult.GetValue(inputs), parseResult.GetValue(parallel), stdout, stderr,
                cancellationToken)));
        });
        return command;
    }

    private static int Run(string? connection, string suitesText, string? dateText, string storeText, string? inputsRoot, int parallel,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (parallel is < 1 or > 64)
        {
            stderr.WriteLine($"error: --parallel must be between 1 and 64, got {parallel}");
            return CliApp.BadInput;
        }
        DateOnly? date = null;
        if (dateText is not null)
        {
            if (!NightlyIds.TryParseDate(dateText, out var parsed))
            {
                stderr.WriteLine($"error: --date must be YYYY-MM-DD, got '{dateText}'");
                return CliApp.BadInput;
            }
            date = parsed;
        }
        if (!suitesText.StartsWith("az://", StringComparison.Ordinal) && !Directory.Exists(suitesText))
        {
            stderr.WriteLine($"error: --suites folder not found: {suitesText}");
            return CliApp.BadInput;
        }
        var source = SuiteSource.FromLocation(suitesText, container => CliLocations.OpenJobStore(connection, container));
        var root = inputsRoot ?? (suitesText.StartsWith("az://", StringComparison.Ordinal) ? Directory.GetCurrentDirectory() : Path.GetFullPath(suitesText));
        if (!Directory.Exists(root))
        {
            stderr.WriteLine($"error: --inputs folder not found: {root}");
            return CliApp.BadInput;
        }
        using var locations = new CliLocations(connection);
        using var environment = new StageEnvironment(CliLocations.OpenJobStore(connection, storeText), new JobInputs(root, locations.Resolver), new StderrLogger(stderr));
        var runner = new NightlyRunner(environment, new NightlyOptions
        {
            Workers = new QueueWorkerOptions
            {
                Parallelism = parallel,
                RetryDelay = TimeSpan.FromSeconds(1),
                MinPollInterval = TimeSpan.FromMilliseconds(20),
                MaxPollInterval = TimeSpan.FromMilliseconds(200),
            },
        });
        runner.JobStarting += jobId => stderr.WriteLine($"job {jobId}: started");
        runner.JobEnded += outcome => stderr.WriteLine(outcome.Completed ? $"job {outcome.JobId}: completed" : $"job {outcome.JobId}: failed: {outcome.Error}");
        NightlyResult result;
        try
        {
            result = runner.RunAsync(source, date, cancellationToken).GetAwaiter().GetResult();
        }
        catch (SuiteException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled: the night's claim was released; run the same command again to resume its jobs");
            return CliApp.Failed;
        }
        var night = NightlyIds.Date(result.Date);
        var reports = storeText.Contains("://", StringComparison.Ordinal) ? $"{storeText.TrimEnd('/')}/nightly/{night}" : Path.Combine(storeText, "nightly", night);
        if (result.Outcome == NightlyOutcome.InProgress)
        {
            stdout.WriteLine($"nightly {night}: in progress (claimed by another trigger, no summary yet); nothing started");
            return InProgress;
        }
        var status = NightlySummary.Spell(result.Status!.Value);
        if (result.Outcome == NightlyOutcome.AlreadyDone)
        {
            stdout.WriteLine($"nightly {night}: already run; nothing started");
        }
        else
        {
            foreach (var tracked in result.Summary!.Results)
            {
                var value = tracked.Tonight is { } t ? t.ToString("F4", CultureInfo.InvariantCulture) : "—";
                stdout.WriteLine($"  {tracked.Suite}/{tracked.Tracked.Job}/{tracked.Tracked.Run} {tracked.Tracked.Measure}: {value} {NightlySummary.Spell(tracked.Kind)}");
            }
        }
        stdout.WriteLine($"nightly {night}: {status}");
        stdout.WriteLine($"summary: {reports}/summary.md   {reports}/summary.html   {reports}/summary.json");
        return result.Status switch
        {
            NightlyStatus.Ok => CliApp.Ok,
            NightlyStatus.Regression => Regression,
            _ => CliApp.Failed,
        };
    }
}
