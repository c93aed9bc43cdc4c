using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Nightly;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// Runs one invocation of a function of <see cref="FunctionCatalog"/> against the stage handlers. What it answers:
/// <list type="bullet">
/// <item>a stage task that ran, was a duplicate, or whose job failed or does not exist: 200, with the next tasks in
/// the queue outputs and what happened in <c>Logs</c> (nothing a retry could change);</item>
/// <item>a payload it cannot use (<see cref="PayloadException"/>): 4xx, which the host counts as a failure;</item>
/// <item>anything else thrown (storage unavailable, a task that arrived before its inputs): the exception
/// propagates and the endpoint answers 500, so the host retries the message and finally poisons it.</item>
/// </list>
/// HTTP functions answer the host 200 and put the client's status (202, 400, 404, 409) in the <c>res</c> binding.
/// </summary>
internal sealed class FunctionInvoker
{
    /// <summary>The last failure of a task remembered for its poison handler, at most this many tasks.</summary>
    private const int MaxRememberedFailures = 10_000;

    private readonly StageEnvironment _environment;
    private readonly StageDispatcher _dispatcher;
    private readonly JobSubmitter _submitter;
    private readonly StatusBoard _status;
    private readonly ILogger _logger;
    private readonly IMessageQueueProvider? _queues;
    private readonly ConcurrentDictionary<string, string> _lastFailures = new(StringComparer.Ordinal);

    /// <param name="environment">The stage environment (with the nightly finisher wired as its job-end handler).</param>
    /// <param name="logger">Where invocations log.</param>
    /// <param name="queues">The stage queues of the app's storage account (the queues the stage functions are triggered by), for the
    /// nightly timer, which puts the night's jobs on them itself; null when no account is configured.</param>
    public FunctionInvoker(StageEnvironment environment, ILogger logger, IMessageQueueProvider? queues = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _queues = queues;
        _dispatcher = new StageDispatcher(environment);
        _submitter = new JobSubmitter(environment);
        _status = new StatusBoard(environment);
    }

    /// <summary>Runs <paramref name="function"/> on <paramref name="request"/>; <paramref name="result"/> collects the answer.</summary>
    /// <exception cref="PayloadException">The payload cannot be used (4xx).</exception>
    public Task InvokeAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken) =>
        function.Kind switch
        {
            FunctionKind.Stage => RunStageAsync(function, request, result, cancellationToken),
            FunctionKind.Poison => PoisonAsync(function, request, result, cancellationToken),
            FunctionKind.SubmitHttp => SubmitOverHttpAsync(function, request, result, cancellationToken),
            FunctionKind.StatusHttp => StatusAsync(function, request, result, cancellationToken),
            FunctionKind.SubmitServiceBus => SubmitFromServiceBusAsync(function, request, result, cancellationToken),
            FunctionKind.NightlyTimer => NightlyAsync(function, result, cancellationToken),
            _ => throw new InvalidOperationException($"unknown function kind {function.Kind}"),
        };

    private async Task RunStageAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var task = ParseTask(function, request.Binding(FunctionCatalog.TaskBinding));
        if (task.Stage != function.Stage)
        {
            throw new PayloadException($"Data.{FunctionCatalog.TaskBinding} is a {StageNames.Queue(task.Stage)} task; {function.Name} runs "
                + $"{StageNames.Queue(function.Stage!.Value)} tasks");
        }
        var attempt = request.Attempt();
        var clock = Stopwatch.StartNew();
        StageOutcome outcome;
        try
        {
            outcome = await _dispatcher.HandleAsync(task, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Remember(task, e);
            throw;
        }
        _lastFailures.TryRemove(task.ToString(), out _);
        switch (outcome.Kind)
        {
            case StageOutcomeKind.JobNotFound:
                ServeLog.JobNotFound(_logger, function.Name, task, task.JobId);
                break;
            case StageOutcomeKind.JobFailed:
                ServeLog.JobFailed(_logger, function.Name, task, outcome.Error ?? "unknown reason");
                break;
            default:
                result.Enqueue(function, outcome.Next);
                break;
        }
        ServeLog.StageHandled(_logger, function.Name, task, attempt, outcome.Kind, outcome.Next.Count, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// Starts the night of the suites named by <see cref="FunctionCatalog.SuitesSetting"/> for today's UTC date and returns:
    /// the night's jobs go onto the stage queues of the app's storage account, where the stage functions (and any
    /// <c>pipeline worker</c>) run them; the job-end handler of whichever host runs a night's last task writes its summary.
    /// A past-due firing starts the night late; the per-date claim makes a repeated firing enqueue nothing (a firing
    /// after a start that died completes it, since every firing of this timer claims under the same name). Queue
    /// messages are sent directly rather than through output bindings so that <c>started.json</c> is written only once
    /// they are on the queues (ADR 0012). A configuration problem is logged, not retried.
    /// </summary>
    private async Task NightlyAsync(FunctionDefinition function, InvocationResult result, CancellationToken cancellationToken)
    {
        var suites = System.Environment.GetEnvironmentVariable(FunctionCatalog.SuitesSetting);
        if (string.IsNullOrWhiteSpace(suites))
        {
            NotRun($"the app setting {FunctionCatalog.SuitesSetting} (a folder or az://container/prefix of nightly suites) is not set");
            return;
        }
        if (_queues is null)
        {
            NotRun($"the night's jobs go onto the stage queues of the storage account, and none is configured: set {FunctionCatalog.StorageConnection}");
            return;
        }
        var source = SuiteSource.FromLocation(suites, container => HostSettings.Resolve(null, container).OpenStore());
        try
        {
            var start = await new NightlyStarter(_environment).StartAsync(source, null, _queues, FunctionCatalog.NightlyEvaluation, cancellationToken)
                .ConfigureAwait(false);
            var line = start.Outcome switch
            {
                NightlyStartOutcome.Started or NightlyStartOutcome.Recovered => string.Create(CultureInfo.InvariantCulture,
                    $"night {start.Date:yyyy-MM-dd}: {(start.Outcome == NightlyStartOutcome.Started ? "started" : "start completed")}; "
                    + $"{start.Queued.Count} job(s) queued, {start.Ended.Count} refused at submission"),
                NightlyStartOutcome.AlreadyDone => string.Create(CultureInfo.InvariantCulture,
                    $"night {start.Date:yyyy-MM-dd}: already done ({NightlySummary.Spell(start.Status!.Value)}); nothing started"),
                _ => string.Create(CultureInfo.InvariantCulture, $"night {start.Date:yyyy-MM-dd}: in progress; nothing started"),
            };
            ServeLog.NightRan(_logger, function.Name, line);
            result.Logs.Add(line);
            foreach (var refused in start.Ended)
            {
                result.Logs.Add($"job {refused.JobId}: failed at submission: {refused.Error}");
            }
        }
        catch (SuiteException e)
        {
            NotRun(e.Message);
        }

        void NotRun(string reason)
        {
            ServeLog.NightNotRun(_logger, function.Name, reason);
            result.Logs.Add(reason);
        }
    }

    private async Task PoisonAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var stage = function.Stage!.Value;
        var poisonQueue = FunctionCatalog.PoisonQueue(stage);
        var value = request.Binding(FunctionCatalog.TaskBinding);
        StageTask task;
        try
        {
            task = ParseTask(function, value);
        }
        catch (PayloadException e)
        {
            // Not a task: it reached the poison queue because it never was one. No job to fail, and a poison queue has
            // no poison queue of its own, so it is acknowledged with the reason in the log.
            ServeLog.PoisonDropped(_logger, function.Name, request.MetadataText("Id") ?? "(no id)", e.Message);
            return;
        }
        if (task.Stage != stage)
        {
            ServeLog.PoisonDropped(_logger, function.Name, request.MetadataText("Id") ?? "(no id)",
                $"a {StageNames.Queue(task.Stage)} task in {poisonQueue}");
            return;
        }
        var layout = new JobLayout(task.JobId);
        if (await _environment.Ledger.IsDoneAsync(layout, task, cancellationToken).ConfigureAwait(false))
        {
            // A duplicate of a task that did commit: its failures cannot have stopped the job.
            ServeLog.PoisonIgnored(_logger, function.Name, task);
            return;
        }
        var reason = $"failed on every delivery and was moved to {poisonQueue}";
        if (_lastFailures.TryRemove(task.ToString(), out var last))
        {
            reason += $" (last: {last})";
        }
        var outcome = await _dispatcher.FailAsync(task, reason, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == StageOutcomeKind.JobNotFound)
        {
            ServeLog.JobNotFound(_logger, function.Name, task, task.JobId);
            return;
        }
        ServeLog.Poisoned(_logger, function.Name, task, poisonQueue, outcome.Error ?? reason);
    }

    private async Task SubmitOverHttpAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var http = request.Binding(FunctionCatalog.RequestBinding);
        if (http.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException($"Data.{FunctionCatalog.RequestBinding} must be the HTTP request object");
        }
        string text;
        try
        {
            text = InvocationRequest.Property(http, "Body") is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } body
                ? BindingText.Decode(body, FunctionCatalog.RequestBinding + ".Body")
                : "";
        }
        catch (PayloadException e)
        {
            result.Respond(Refuse(function, 400, e.Message));
            return;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            result.Respond(Refuse(function, 400, "the request body must be the job spec (JSON; see docs/job-spec.md)"));
            return;
        }
        var submitted = await SubmitAsync(function, text, "the request body", result, cancellationToken).ConfigureAwait(false);
        if (submitted.Refusal is { } refusal)
        {
            result.Respond(refusal);
            return;
        }
        var (spec, outcome) = (submitted.Spec!, submitted.Result!);
        var status = outcome.Pending.Count == 0 ? 200 : 202;
        result.Respond(HttpOutput.Json(status, json =>
        {
            json.WriteStartObject();
            json.WriteString("jobId", spec.JobId);
            json.WriteString("status", outcome.Status.State.ToString().ToLowerInvariant());
            json.WriteBoolean("resumed", outcome.Resumed);
            json.WriteStartArray("pending");
            foreach (var task in outcome.Pending)
            {
                json.WriteRawValue(task.ToMessage());
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    private async Task SubmitFromServiceBusAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var message = request.Binding(FunctionCatalog.JobBinding);
        var messageId = request.MetadataText("MessageId") ?? "(no id)";
        string text;
        try
        {
            text = BindingText.Decode(message, FunctionCatalog.JobBinding);
        }
        catch (PayloadException e)
        {
            // The message itself is bad: redelivering it cannot help, so it is completed with the reason in the log.
            ServeLog.NotSubmitted(_logger, function.Name, 400, $"message {messageId}: {e.Message}");
            return;
        }
        // An invalid spec, unusable inputs or a conflicting job id is logged line by line (SubmitAsync) and not retried:
        // the message is completed. Only a failure of the work itself (a 500) makes the host redeliver it.
        await SubmitAsync(function, text, $"Service Bus message {messageId}", result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads, checks and submits a job; on success its pending tasks are in <paramref name="result"/>'s outputs.</summary>
    private async Task<Submission> SubmitAsync(FunctionDefinition function, string text, string source, InvocationResult result, CancellationToken cancellationToken)
    {
        JobSpec spec;
        try
        {
            spec = JobSpecReader.Read(text, source);
        }
        catch (JobSpecException e)
        {
            var message = e.Errors.Count == 1 ? $"{source}: 1 problem in the job spec" : $"{source}: {e.Errors.Count} problems in the job spec";
            foreach (var error in e.Errors)
            {
                ServeLog.NotSubmitted(_logger, function.Name, 400, error.ToString());
            }
            return new Submission(null, null, HttpOutput.Error(400, message, e.Errors.Select(x => ((string?)x.Path, x.Message))));
        }
        SubmitResult submitted;
        try
        {
            submitted = await _submitter.SubmitAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (StageInputException e)
        {
            ServeLog.NotSubmitted(_logger, function.Name, 400, $"job {spec.JobId}: {e.Message}");
            return new Submission(null, null, HttpOutput.Error(400, $"job {spec.JobId}: its inputs cannot be used", [(null, e.Message)]));
        }
        catch (JobConflictException e)
        {
            ServeLog.NotSubmitted(_logger, function.Name, 409, e.Message);
            return new Submission(null, null, HttpOutput.Error(409, e.Message));
        }
        result.Enqueue(function, submitted.Pending);
        ServeLog.Submitted(_logger, function.Name, spec.JobId, submitted.Resumed ? "resumed" : "submitted",
            submitted.Status.State, submitted.Pending.Count);
        return new Submission(spec, submitted, null);
    }

    private async Task StatusAsync(FunctionDefinition function, InvocationRequest request, InvocationResult result, CancellationToken cancellationToken)
    {
        var http = request.Binding(FunctionCatalog.RequestBinding);
        var jobId = (InvocationRequest.Property(http, "Params") is { } routeParams ? Text(InvocationRequest.Property(routeParams, "jobId")) : null)
            ?? request.MetadataText("jobId");
        if (string.IsNullOrEmpty(jobId))
        {
            result.Respond(Refuse(function, 400, "no job id in the route (jobs/{jobId})"));
            return;
        }
        if (SafeNames.JobIdProblem(jobId) is { } problem)
        {
            result.Respond(Refuse(function, 400, $"job id '{jobId}' {problem}"));
            return;
        }
        var spec = await _dispatcher.LoadSpecAsync(new JobLayout(jobId), cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            result.Respond(Refuse(function, 404, $"job '{jobId}' does not exist"));
            return;
        }
        var status = await _status.ComputeAsync(spec, cancellationToken).ConfigureAwait(false);
        result.Respond(new HttpOutput(200, status.ToJson()));
    }

    private static StageTask ParseTask(FunctionDefinition function, JsonElement value)
    {
        var text = BindingText.Decode(value, FunctionCatalog.TaskBinding);
        try
        {
            return StageTask.Parse(text);
        }
        catch (FormatException e)
        {
            throw new PayloadException($"Data.{FunctionCatalog.TaskBinding} is not a task message for {function.Name}: {e.Message}", e);
        }
    }

    private HttpOutput Refuse(FunctionDefinition function, int status, string message)
    {
        ServeLog.Refused(_logger, function.Name, status, message);
        return HttpOutput.Error(status, message);
    }

    private void Remember(StageTask task, Exception error)
    {
        if (_lastFailures.Count >= MaxRememberedFailures)
        {
            _lastFailures.Clear();
        }
        _lastFailures[task.ToString()] = $"{error.GetType().Name}: {error.Message}";
    }

    private static string? Text(JsonElement? value) => value is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private sealed record Submission(JobSpec? Spec, SubmitResult? Result, HttpOutput? Refusal);
}
