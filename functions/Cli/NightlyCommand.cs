using System.CommandLine;
using System.Globalization;
using Pipeline.Nightly;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline nightly --suites DIR|az://container/prefix [--date YYYY-MM-DD] [--store DIR|az://container] [--inputs DIR]
/// [--parallel N] [--connection …] [--no-wait]</c>: one night by hand. With a blob store it does what the
/// <c>NightlyEvaluation</c> timer does — starts the night on the account's stage queues (<see cref="NightlyStarter"/>) —
/// and then waits for the night's summary while the Function app or <c>pipeline worker</c>s run the jobs; with a folder
/// it runs the night embedded (<see cref="NightlyRunner.RunAsync"/>: in-memory queues, workers in this process, the
/// same start and finishing path). Exit 0 ok, 3 regression, 1 a job failed (or the run stopped), 2 bad input, 4 the
/// night is in progress without a summary.
/// </summary>
internal static class NightlyCommand
{
    /// <summary>Exit code: every job completed and a tracked measure regressed.</summary>
    public const int Regression = 3;

    /// <summary>Exit code: the night has been started and has no summary yet (another trigger's, or this one's when it stopped waiting).</summary>
    public const int InProgress = 4;

    /// <summary>How often a wait on the storage queues' night looks for its summary.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

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
            Description = $"The job store, which also holds history/ and nightly/: a folder (default ./{RunCommand.DefaultStore}; the night runs in "
                + "this process) or az://container (the night's jobs go onto the stage queues of that account, for the Function app or pipeline workers).",
            HelpName = "dir|az://container",
            DefaultValueFactory = _ => RunCommand.DefaultStore,
        };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "The folder relative input locations of the jobs are resolved in when they are checked at submission (and run, with a folder store) "
                + "(default: the suites folder, or the current folder for az:// suites).",
            HelpName = "dir",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "With a folder store: tasks run at once in this process (default: the number of cores).",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "With an az:// store: return once the night's jobs are queued, without waiting for the summary (exit 0).",
        };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("nightly", "Run one night of the nightly evaluation suites: every job under its dated id through the stage queues, "
            + "history, regression detection against the previous night and a rolling baseline, and nightly/<date>/summary.{md,html,json}. A date "
            + "runs once; running it again prints its summary's status. Exit 0 ok, 3 regression, 1 a job failed, 2 bad input, 4 the night is in "
            + "progress without a summary.")
        {
            suites, date, store, inputs, parallel, noWait, connection,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var stdout = parseResult.InvocationConfiguration.Output;
            var request = new Request(parseResult.GetValue(connection), parseResult.GetValue(suites)!, parseResult.GetValue(date),
                parseResult.GetValue(store)!, parseResult.GetValue(inputs), parseResult.GetValue(parallel), parseResult.GetValue(noWait));
            return Task.FromResult(CliLocations.Guard(stderr, () => Run(request, stdout, stderr, cancellationToken)));
        });
        return command;
    }

    private sealed record Request(string? Connection, string Suites, string? Date, string Store, string? Inputs, int Parallel, bool NoWait)
    {
        public bool OnQueues => Store.StartsWith("az://", StringComparison.Ordinal);
    }

    private static int Run(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (request.Parallel is < 1 or > 64)
        {
            stderr.WriteLine($"error: --parallel must be between 1 and 64, got {request.Parallel}");
            return CliApp.BadInput;
        }
        DateOnly? date = null;
        if (request.Date is not null)
        {
            if (!NightlyIds.TryParseDate(request.Date, out var parsed))
            {
                stderr.WriteLine($"error: --date must be YYYY-MM-DD, got '{request.Date}'");
                return CliApp.BadInput;
            }
            date = parsed;
        }
        if (request.NoWait && !request.OnQueues)
        {
            stderr.WriteLine("error: --no-wait needs an az:// store: with a folder the night's jobs run in this process, which must stay to run them");
            return CliApp.BadInput;
        }
        if (!request.Suites.StartsWith("az://", StringComparison.Ordinal) && !Directory.Exists(request.Suites))
        {
            stderr.WriteLine($"error: --suites folder not found: {request.Suites}");
            return CliApp.BadInput;
        }
        var source = SuiteSource.FromLocation(request.Suites, container => CliLocations.OpenJobStore(request.Connection, container));
        var root = request.Inputs ?? (request.Suites.StartsWith("az://", StringComparison.Ordinal) ? Directory.GetCurrentDirectory() : Path.GetFullPath(request.Suites));
        if (!Directory.Exists(root))
        {
            stderr.WriteLine($"error: --inputs folder not found: {root}");
            return CliApp.BadInput;
        }
        using var locations = new CliLocations(request.Connection);
        using var environment = new StageEnvironment(CliLocations.OpenJobStore(request.Connection, request.Store), new JobInputs(root, locations.Resolver),
            new StderrLogger(stderr));
        var runner = new NightlyRunner(environment, new NightlyOptions
        {
            Workers = new QueueWorkerOptions
            {
                Parallelism = request.Parallel,
                RetryDelay = TimeSpan.FromSeconds(1),
                MinPollInterval = TimeSpan.FromMilliseconds(20),
                MaxPollInterval = TimeSpan.FromMilliseconds(200),
            },
        });
        runner.JobStarting += jobId => stderr.WriteLine($"job {jobId}: queued");
        runner.JobEnded += outcome => stderr.WriteLine(outcome.Completed ? $"job {outcome.JobId}: completed" : $"job {outcome.JobId}: failed: {outcome.Error}");
        NightlyResult result;
        try
        {
            if (request.OnQueues)
            {
                using var queues = OpenQueues(request);
                var (exit, started) = StartOnQueues(runner, source, date, queues, request, stdout, stderr, cancellationToken);
                if (exit is { } code)
                {
                    return code;
                }
                stderr.WriteLine("waiting for the night's summary while the Function app or pipeline workers run its jobs (Ctrl-C stops waiting; the night goes on)");
                result = runner.WaitAsync(started, Poll, cancellationToken).GetAwaiter().GetResult();
            }
            else
            {
                result = runner.RunAsync(source, date, cancellationToken).GetAwaiter().GetResult();
            }
        }
        catch (SuiteException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (OperationCanceledException) when (request.OnQueues)
        {
            stderr.WriteLine("stopped waiting; the night goes on: run the same command again to see its summary once it is written");
            return InProgress;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled: the night's claim was released; run the same command again to resume its jobs");
            return CliApp.Failed;
        }
        var night = NightlyIds.Date(result.Date);
        if (result.Outcome == NightlyOutcome.InProgress)
        {
            stdout.WriteLine($"nightly {night}: in progress (started by another trigger, no summary yet); nothing started");
            return InProgress;
        }
        if (result.Outcome == NightlyOutcome.AlreadyDone)
        {
            stdout.WriteLine($"nightly {night}: already run; nothing started");
        }
        return Report(result.Date, result.SummaryJson!, request.Store, stdout);
    }

    private static AzureQueueService OpenQueues(Request request)
    {
        try
        {
            return Hosting.HostSettings.Resolve(request.Connection, request.Store).OpenQueues();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new CliLocationException(e.Message, e);
        }
    }

    /// <summary>Starts the night on the storage queues: the exit code when there is nothing to wait for (else null), and the night.</summary>
    private static (int? Exit, DateOnly Night) StartOnQueues(NightlyRunner runner, SuiteSource source, DateOnly? date, IMessageQueueProvider queues, Request request,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var claimant = $"pipeline nightly on {Environment.MachineName} (pid {Environment.ProcessId})";
        var start = runner.Starter.StartAsync(source, date, queues, claimant, cancellationToken).GetAwaiter().GetResult();
        var night = NightlyIds.Date(start.Date);
        switch (start.Outcome)
        {
            case NightlyStartOutcome.AlreadyDone:
                stdout.WriteLine($"nightly {night}: already run; nothing started");
                return (Report(start.Date, start.SummaryJson!, request.Store, stdout), start.Date);
            case NightlyStartOutcome.InProgress:
                stdout.WriteLine($"nightly {night}: in progress (started by another trigger, no summary yet); nothing started");
                return (InProgress, start.Date);
        }
        foreach (var refused in start.Ended)
        {
            stderr.WriteLine($"job {refused.JobId}: failed at submission: {refused.Error}");
        }
        stdout.WriteLine($"nightly {night}: {(start.Outcome == NightlyStartOutcome.Started ? "started" : "start completed")}; "
            + $"{start.Queued.Count} job(s) queued on the storage queues");
        if (start.SummaryJson is { } summary)
        {
            return (Report(start.Date, summary, request.Store, stdout), start.Date);
        }
        return (request.NoWait ? CliApp.Ok : null, start.Date);
    }

    private static int Report(DateOnly date, byte[] summaryJson, string store, TextWriter stdout)
    {
        var night = NightlyIds.Date(date);
        var reports = store.Contains("://", StringComparison.Ordinal) ? $"{store.TrimEnd('/')}/nightly/{night}" : Path.Combine(store, "nightly", night);
        foreach (var tracked in SummaryJsonReader.TrackedMeasures(summaryJson))
        {
            var value = tracked.Tonight is { } t ? t.ToString("F4", CultureInfo.InvariantCulture) : "—";
            stdout.WriteLine($"  {tracked.Suite}/{tracked.Job}/{tracked.Run} {tracked.Measure}: {value} {tracked.Change}");
        }
        var status = SummaryJsonReader.Status(summaryJson);
        stdout.WriteLine($"nightly {night}: {NightlySummary.Spell(status)}");
        stdout.WriteLine($"summary: {reports}/summary.md   {reports}/summary.html   {reports}/summary.json");
        return status switch
        {
            NightlyStatus.Ok => CliApp.Ok,
            NightlyStatus.Regression => Regression,
            _ => CliApp.Failed,
        };
    }
}
