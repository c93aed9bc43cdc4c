using System.CommandLine;
using System.Runtime.InteropServices;
using Pipeline.Core.Tasks;
using Pipeline.Functions.Cli;
using Pipeline.Stages;
using Pipeline.Stages.Running;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// <c>pipeline worker [--queues ...] [--parallel N]</c>: a standalone queue worker (e.g. a GPU rerank worker on Azure
/// Container Apps). Polls the stage queues of the storage account with the Functions host's semantics and runs the
/// same stage handlers; many workers on many machines share the work through the queues only. SIGTERM or Ctrl-C stops
/// taking messages and lets running tasks finish; a second signal abandons them (their messages reappear).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var queues = new Option<string[]>("--queues")
        {
            Description = "Stage queues to poll (e.g. rerank-candidates); default all: "
                + string.Join(", ", StageNames.All.Select(StageNames.Queue)) + ".",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "queue",
        };
        var parallel = new Option<int>("--parallel") { Description = "Tasks run at once by this process (default 1).", DefaultValueFactory = _ => 1, HelpName = "n" };
        var visibility = new Option<int>("--visibility-timeout")
        {
            Description = "Seconds a received message stays invisible (renewed every half of it while its task runs); also the wait before a failed task's retry. Default 30.",
            DefaultValueFactory = _ => 30,
            HelpName = "s",
        };
        var maxDequeue = new Option<int>("--max-dequeue-count")
        {
            Description = "Deliveries before a failing message goes to '<queue>-poison' and its job fails (default 5).",
            DefaultValueFactory = _ => 5,
            HelpName = "n",
        };
        var options = HostOptions.Create();
        var command = new Command("worker", "Run stage tasks from the storage queues until stopped (SIGTERM / Ctrl-C).")
        {
            queues, parallel, visibility, maxDequeue,
        };
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var stages = new List<Stage>();
            foreach (var name in parseResult.GetValue(queues) ?? [])
            {
                if (!StageNames.TryFromQueue(name, out var stage) && !StageNames.TryFromFunction(name, out stage))
                {
                    stderr.WriteLine($"error: unknown queue '{name}' (known: {string.Join(", ", StageNames.All.Select(StageNames.Queue))})");
                    return CliApp.BadInput;
                }
                stages.Add(stage);
            }
            var workerOptions = new QueueWorkerOptions
            {
                Stages = stages.Count == 0 ? StageNames.All : stages,
                Parallelism = parseResult.GetValue(parallel),
                VisibilityTimeout = TimeSpan.FromSeconds(parseResult.GetValue(visibility)),
                RetryDelay = TimeSpan.FromSeconds(parseResult.GetValue(visibility)),
                MaxDequeueCount = parseResult.GetValue(maxDequeue),
            };
            try
            {
                workerOptions.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
            if (options.Resolve(parseResult, stderr) is not { } settings)
            {
                return CliApp.BadInput;
            }
            return await RunAsync(settings, workerOptions, stderr, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(HostSettings settings, QueueWorkerOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        var logger = new ConsoleLogger(stderr, TimeProvider.System);
        using var environment = settings.CreateEnvironment(logger);
        using var queues = settings.OpenQueues(logger);
        var dispatcher = new StageDispatcher(environment);
        var worker = new QueueWorker(queues, dispatcher, options);
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                stderr.WriteLine("worker: stopping — running tasks finish first (signal again to abandon them)");
                stopReceiving.Cancel();
            }
            else
            {
                stderr.WriteLine("worker: abandoning running tasks; their messages reappear after the visibility timeout");
                abort.Cancel();
            }
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        await QueueWorker.CreateQueuesAsync(queues, stopReceiving.Token);
        stderr.WriteLine($"worker: polling {string.Join(", ", options.Stages.Select(StageNames.Queue))} with {options.Parallelism} task(s) at once; store {settings.Store}");
        worker.Handled += (task, outcome) => stderr.WriteLine($"worker: {task}: {outcome.Kind}{(outcome.Error is null ? "" : ": " + outcome.Error)}");
        await worker.RunAsync(stopReceiving.Token, abort.Token);
        stderr.WriteLine("worker: stopped");
        return CliApp.Ok;
    }
}
