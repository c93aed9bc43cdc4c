using System.CommandLine;
using Pipeline.Core.Jobs;
using Pipeline.Functions.Cli;
using Pipeline.Stages;
using Pipeline.Stages.Running;
using Pipeline.Storage;
using Pipeline.Storage.ServiceBus;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// <c>pipeline submit JOB.json</c>: checks a job against its inputs, stores its spec in the job store and puts its
/// first tasks on the stage queues, for the Function app or <c>pipeline worker</c>s to run. Re-submitting the same
/// job resumes it. Exits once the job is queued; follow it with <c>pipeline status JOBID --watch</c>.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job file (JSON; see docs/job-spec.md)." };
        var serviceBus = new Option<string?>("--service-bus")
        {
            Description = "Send the job through a Service Bus queue instead (the Function app's SubmitJobFromServiceBus takes it from there): "
                + "a connection string Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…, or the ServiceBusConnection setting's name in the environment.",
            HelpName = "connection",
        };
        var queue = new Option<string?>("--queue")
        {
            Description = "With --service-bus: the queue (default the connection string's EntityPath, else 'submit-job').",
            HelpName = "name",
        };
        var options = HostOptions.Create();
        var command = new Command("submit", "Queue a job for the Function app or pipeline workers (storage queues of --connection / AzureWebJobsStorage, or a Service Bus queue).")
        {
            job, serviceBus, queue,
        };
        options.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetValue(job)!;
            if (!File.Exists(file))
            {
                stderr.WriteLine($"error: job file not found: {file}");
                return CliApp.BadInput;
            }
            JobSpec spec;
            try
            {
                spec = JobSpecReader.Read(await File.ReadAllTextAsync(file, cancellationToken), file);
            }
            catch (JobSpecException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
            if (parseResult.GetValue(serviceBus) is { } busConnection)
            {
                return await SendToServiceBusAsync(spec, busConnection, parseResult.GetValue(queue), stdout, stderr, cancellationToken);
            }
            if (options.Resolve(parseResult, stderr) is not { } settings)
            {
                return CliApp.BadInput;
            }
            if (parseResult.GetValue(options.Inputs) is null && Environment.GetEnvironmentVariable(HostSettings.InputRootVariable) is null)
            {
                settings = settings with { InputRoot = Path.GetDirectoryName(Path.GetFullPath(file))! };
            }
            try
            {
                using var environment = settings.CreateEnvironment();
                using var queues = settings.OpenQueues();
                var submitted = await new JobSubmitter(environment).SubmitAsync(spec, cancellationToken);
                await QueueWorker.CreateQueuesAsync(queues, cancellationToken);
                await QueueWorker.SendAsync(queues, submitted.Pending, cancellationToken);
                stdout.WriteLine(submitted.Pending.Count == 0
                    ? $"job {spec.JobId}: already {submitted.Status.State.ToString().ToLowerInvariant()}; nothing queued"
                    : $"job {spec.JobId}: {(submitted.Resumed ? "resumed" : "submitted")}, {submitted.Pending.Count} task(s) queued");
                return CliApp.Ok;
            }
            catch (StageInputException e)
            {
                stderr.WriteLine($"error: {file}: {e.Message}");
                return CliApp.BadInput;
            }
            catch (JobConflictException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
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
        });
        return command;
    }

    private static async Task<int> SendToServiceBusAsync(JobSpec spec, string connectionText, string? queue, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        ServiceBusConnection connection;
        try
        {
            var text = connectionText.Contains('=', StringComparison.Ordinal) ? connectionText : Environment.GetEnvironmentVariable(connectionText) ?? "";
            connection = ServiceBusConnection.Parse(text);
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: --service-bus: {e.Message}");
            return CliApp.BadInput;
        }
        var name = queue ?? connection.EntityPath ?? "submit-job";
        try
        {
            using var sender = new ServiceBusSender(connection);
            // The message id is the job id: Service Bus duplicate detection (when enabled) drops a repeated submission.
            await sender.SendAsync(name, JobSpecWriter.ToJsonText(spec), spec.JobId, cancellationToken);
        }
        catch (Exception e) when (e is StorageRequestException or HttpRequestException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.Failed;
        }
        stdout.WriteLine($"job {spec.JobId}: sent to Service Bus queue '{name}' at {connection.Endpoint}");
        return CliApp.Ok;
    }
}
