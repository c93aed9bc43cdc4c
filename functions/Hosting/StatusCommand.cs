using System.CommandLine;
using System.Globalization;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Functions.Cli;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Storage;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// <c>pipeline status JOBID [--watch]</c>: a job's state, per-stage progress and error, computed from its commit
/// markers in the job store. With <c>--watch</c>, refreshed until the job ends; the exit code is then 0 for
/// completed and 1 for failed.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var jobId = new Argument<string>("jobId") { Description = "The job id." };
        var watch = new Option<bool>("--watch") { Description = "Refresh every 2 seconds until the job completes or fails." };
        var options = HostOptions.Create();
        var command = new Command("status", "Show a job's state and per-stage progress.") { jobId, watch };
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var id = parseResult.GetValue(jobId)!;
            if (SafeNames.JobIdProblem(id) is { } problem)
            {
                stderr.WriteLine($"error: job id '{id}' {problem}");
                return CliApp.BadInput;
            }
            if (options.Resolve(parseResult, stderr) is not { } settings)
            {
                return CliApp.BadInput;
            }
            try
            {
                using var environment = settings.CreateEnvironment();
                var dispatcher = new StageDispatcher(environment);
                var spec = await dispatcher.LoadSpecAsync(new JobLayout(id), cancellationToken);
                if (spec is null)
                {
                    stderr.WriteLine($"error: job '{id}' not found in {settings.Store}");
                    return CliApp.BadInput;
                }
                var board = new StatusBoard(environment);
                while (true)
                {
                    var status = await board.ComputeAsync(spec, cancellationToken);
                    Print(status, stdout);
                    if (!parseResult.GetValue(watch))
                    {
                        return CliApp.Ok;
                    }
                    if (status.IsTerminal)
                    {
                        return status.State == JobState.Completed ? CliApp.Ok : CliApp.Failed;
                    }
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                    stdout.WriteLine();
                }
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
            catch (StorageRequestException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.Failed;
            }
            catch (OperationCanceledException)
            {
                return CliApp.Failed;
            }
        });
        return command;
    }

    private static void Print(JobStatus status, TextWriter stdout)
    {
        stdout.WriteLine($"job {status.JobId}: {status.State.ToString().ToLowerInvariant()}");
        foreach (var stage in status.Stages)
        {
            var total = stage.Total is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {StageNames.Function(stage.Stage),-17} {stage.Done,5}/{total,-5} {stage.Seconds,9:F1} s work"));
        }
        if (status.Error is { } error)
        {
            stdout.WriteLine($"error: {error}");
        }
        stdout.Flush();
    }
}
