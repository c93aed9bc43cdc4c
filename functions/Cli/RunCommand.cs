using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline run JOB.json [--store DIR|az://container] [--inputs DIR] [--parallel N]</c>: runs a whole job in this
/// process (in-memory queues, the stage handlers the Functions app runs), with live progress and a final table of
/// the measures per run. Exit 0 only when the job completed.
/// </summary>
internal static class RunCommand
{
    /// <summary>The store when none is given: a folder in the current directory.</summary>
    public const string DefaultStore = "pipeline-output";

    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job file (JSON; see docs/job-spec.md)." };
        var store = new Option<string>("--store")
        {
            Description = $"Where jobs are written: a folder (default ./{DefaultStore}) or az://container in the storage account of "
                + "--connection / AzureWebJobsStorage. Results go to <store>/<jobId>/.",
            HelpName = "dir|az://container",
            DefaultValueFactory = _ => DefaultStore,
        };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "The folder relative input locations of the job are resolved in (default: the job file's folder). "
                + "Nothing outside it can be read.",
            HelpName = "dir",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Tasks run at once (default: the number of cores).",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("run", "Run a job from its JSON file to evaluated results: split the corpus into shards, index, "
            + "retrieve, merge, rerank, aggregate runs, metrics and reports. Re-running the same job resumes it (finished tasks "
            + "are skipped); a changed job needs a new jobId.")
        {
            job, store, inputs, parallel, connection,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var stdout = parseResult.InvocationConfiguration.Output;
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return Task.FromResult(CliLocations.Guard(stderr, () => Run(locations, parseResult.GetValue(connection), parseResult.GetValue(job)!, parseResult.GetValue(store)!,
                parseResult.GetValue(inputs), parseResult.GetValue(parallel), stdout, stderr, cancellationToken)));
        });
        return command;
    }

    private static int Run(CliLocations locations, string? connection, string jobFile, string storeText, string? inputsRoot, int parallel,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (parallel is < 1 or > 64)
        {
            stderr.WriteLine($"error: --parallel must be between 1 and 64, got {parallel}");
            return CliApp.BadInput;
        }
        if (!File.Exists(jobFile))
        {
            stderr.WriteLine($"error: job file not found: {jobFile}");
            return CliApp.BadInput;
        }
        JobSpec spec;
        try
        {
            spec = JobSpecReader.Read(File.ReadAllText(jobFile), jobFile);
        }
        catch (JobSpecException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        var root = inputsRoot ?? Path.GetDirectoryName(Path.GetFullPath(jobFile))!;
        if (!Directory.Exists(root))
        {
            stderr.WriteLine($"error: --inputs folder not found: {root}");
            return CliApp.BadInput;
        }
        using var environment = new StageEnvironment(CliLocations.OpenJobStore(connection, storeText), new JobInputs(root, locations.Resolver),
            new StderrLogger(stderr));
        environment.Resources.ShardCapacity = Math.Max(environment.Resources.ShardCapacity, parallel);
        // A nightly job run by hand still records its history and, as its night's last job, writes the night's summary.
        Pipeline.Nightly.NightlyFinisher.Attach(environment);
        var dispatcher = new StageDispatcher(environment);
        var progress = new RunProgress(stderr, live: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
        dispatcher.TaskCommitted += (task, seconds) =>
        {
            if (task.Stage is Stage.Prepare or Stage.Split)
            {
                var facts = environment.Planner.FactsAsync(new JobLayout(spec.JobId), CancellationToken.None).GetAwaiter().GetResult();
                progress.Totals(JobPlanner.TaskCounts(spec, facts));
            }
            progress.Committed(task, seconds);
        };
        var runner = new JobRunner(dispatcher, new InMemoryQueueBroker(), new QueueWorkerOptions
        {
            Parallelism = parallel,
            RetryDelay = TimeSpan.FromSeconds(1),
            MinPollInterval = TimeSpan.FromMilliseconds(20),
            MaxPollInterval = TimeSpan.FromMilliseconds(200),
        });
        runner.Submitted += submitted => progress.Start(spec, submitted.Status, submitted.Resumed);
        JobStatus status;
        try
        {
            status = runner.RunAsync(spec, cancellationToken).GetAwaiter().GetResult();
        }
        catch (StageInputException e)
        {
            stderr.WriteLine($"error: {jobFile}: {e.Message}");
            return CliApp.BadInput;
        }
        catch (JobConflictException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"cancelled: job {spec.JobId} stopped; run the same command again to resume it");
            return CliApp.Failed;
        }
        var output = Shown(storeText, spec.JobId);
        if (status.State != JobState.Completed)
        {
            stderr.WriteLine($"error: job {spec.JobId} failed: {status.Error}");
            stderr.WriteLine($"status: {output}/status.json");
            return CliApp.Failed;
        }
        PrintSummary(environment, spec, output, stdout);
        return CliApp.Ok;
    }

    private static string Shown(string store, string jobId) => store.Contains("://", StringComparison.Ordinal)
        ? $"{store.TrimEnd('/')}/{jobId}"
        : Path.Combine(store, jobId);

    /// <summary>The measures of every run, with † where the paired test against the baseline is significant.</summary>
    private static void PrintSummary(StageEnvironment environment, JobSpec spec, string output, TextWriter stdout)
    {
        var layout = new JobLayout(spec.JobId);
        var metricsText = environment.Files.ReadTextAsync(layout.Metrics).GetAwaiter().GetResult();
        stdout.WriteLine($"job {spec.JobId} completed: {output}");
        if (spec.Rerank is { ScoresAreMeaningless: true })
        {
            stdout.WriteLine("note: the reranker is a random-weight test model; its scores and the rerank runs are meaningless (they show the mechanics only)");
        }
        if (metricsText is null)
        {
            stdout.WriteLine("runs: " + string.Join(", ", JobSpecReader.RunNames(spec.FirstStage, spec.Rerank, spec.Evaluation.DepthSweep).Select(r => $"runs/{r}.trec")));
            return;
        }
        using var metrics = JsonDocument.Parse(metricsText);
        var significant = Significant(environment, layout, spec);
        var runs = metrics.RootElement.GetProperty("runs").EnumerateObject().ToList();
        var measures = runs[0].Value.GetProperty("all").EnumerateObject().Select(p => p.Name).ToList();
        var baseline = significant.Baseline;
        var nameWidth = Math.Max(8, runs.Max(r => r.Name.Length) + 2);
        stdout.WriteLine();
        stdout.Write("run".PadRight(nameWidth));
        foreach (var measure in measures)
        {
            stdout.Write(measure.PadLeft(Math.Max(measure.Length, 9) + 2));
        }
        stdout.WriteLine();
        foreach (var run in runs)
        {
            stdout.Write((run.Name == baseline ? run.Name + "*" : run.Name).PadRight(nameWidth));
            foreach (var measure in measures)
            {
                var value = run.Value.GetProperty("all").GetProperty(measure).GetDouble().ToString("F4", CultureInfo.InvariantCulture);
                var mark = significant.Marks.Contains((run.Name, measure)) ? "†" : " ";
                stdout.Write((value + mark).PadLeft(Math.Max(measure.Length, 9) + 2));
            }
            stdout.WriteLine();
        }
        stdout.WriteLine();
        if (baseline is not null)
        {
            stdout.WriteLine($"* baseline; † significantly different from it ({spec.Evaluation.Significance.Test}, Holm-corrected, p < "
                + spec.Evaluation.Significance.Level.ToString(CultureInfo.InvariantCulture) + ")");
        }
        stdout.WriteLine($"metrics: {output}/metrics.json   report: {output}/report.html");
    }

    private static (string? Baseline, HashSet<(string Run, string Measure)> Marks) Significant(StageEnvironment environment, JobLayout layout, JobSpec spec)
    {
        var marks = new HashSet<(string, string)>();
        var text = environment.Files.ReadTextAsync(layout.Comparison).GetAwaiter().GetResult();
        if (text is null)
        {
            return (null, marks);
        }
        using var comparison = JsonDocument.Parse(text);
        var test = spec.Evaluation.Significance.Test == "randomization" ? "randomization" : "t_test";
        foreach (var measure in comparison.RootElement.GetProperty("measures").EnumerateArray())
        {
            foreach (var run in measure.GetProperty("runs").EnumerateArray())
            {
                if (run.GetProperty(test).GetProperty("significant").GetBoolean())
                {
                    marks.Add((run.GetProperty("run").GetString()!, measure.GetProperty("measure").GetString()!));
                }
            }
        }
        return (comparison.RootElement.GetProperty("baseline").GetString(), marks);
    }
}
