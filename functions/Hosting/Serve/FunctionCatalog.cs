using Pipeline.Core.Tasks;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// Every function of the Function app, derived from <see cref="StageNames"/>: one queue-triggered function per stage,
/// one poison handler per stage queue, the HTTP <c>SubmitJob</c> and <c>JobStatus</c>, and the Service Bus–triggered
/// <c>SubmitJobFromServiceBus</c>. The committed <c>functions/&lt;Name&gt;/function.json</c> files are these
/// definitions (<see cref="FunctionDefinition.ToFunctionJson"/>); a test keeps them equal.
/// </summary>
internal static class FunctionCatalog
{
    /// <summary>The HTTP function that accepts a job (POST, route <c>jobs</c>).</summary>
    public const string SubmitJob = "SubmitJob";

    /// <summary>The HTTP function that reports a job's status (GET, route <c>jobs/{jobId}</c>).</summary>
    public const string JobStatus = "JobStatus";

    /// <summary>The Service Bus–triggered function that accepts a job from <see cref="SubmitQueue"/>.</summary>
    public const string SubmitJobFromServiceBus = "SubmitJobFromServiceBus";

    /// <summary>The timer function that runs one night of the nightly suites (shared/Nightly).</summary>
    public const string NightlyEvaluation = "NightlyEvaluation";

    /// <summary>The timer trigger's binding name.</summary>
    public const string TimerBinding = "timer";

    /// <summary>The app setting holding the NCRONTAB schedule of <see cref="NightlyEvaluation"/> (read by the host).</summary>
    public const string ScheduleSetting = "Nightly__Schedule";

    /// <summary>The app setting naming the suites: a folder or <c>az://container/prefix</c> (read by <c>serve</c>).</summary>
    public const string SuitesSetting = "Nightly__Suites";

    /// <summary>The Service Bus queue jobs are submitted on.</summary>
    public const string SubmitQueue = "submit-job";

    /// <summary>The app setting of the storage account (queues of every stage, and the host's own state).</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The app setting of the Service Bus namespace.</summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>The name of a queue trigger's binding: the task message.</summary>
    public const string TaskBinding = "task";

    /// <summary>The name of the Service Bus trigger's binding: the job spec.</summary>
    public const string JobBinding = "job";

    /// <summary>The name of an HTTP trigger's binding.</summary>
    public const string RequestBinding = "req";

    /// <summary>The name of an HTTP output binding.</summary>
    public const string ResponseBinding = "res";

    /// <summary>The route of <see cref="SubmitJob"/> (under the host's <c>api/</c> prefix).</summary>
    public const string SubmitRoute = "jobs";

    /// <summary>The route of <see cref="JobStatus"/> (under the host's <c>api/</c> prefix).</summary>
    public const string StatusRoute = "jobs/{jobId}";

    /// <summary>What the host appends to a queue's name for its poison queue.</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>What a poison handler's name adds to its stage function's name.</summary>
    public const string PoisonFunctionSuffix = "Poisoned";

    private static readonly Dictionary<string, FunctionDefinition> ByName = Build().ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every function, stages first (in pipeline order), then their poison handlers, then job intake and status.</summary>
    public static IReadOnlyList<FunctionDefinition> All { get; } = [.. Build()];

    /// <summary>The function named <paramref name="name"/> (case-insensitive, as the host's routes are).</summary>
    public static bool TryGet(string name, out FunctionDefinition function) => ByName.TryGetValue(name, out function!);

    /// <summary>The stages a task of <paramref name="stage"/> can enqueue (the fan-out of <c>JobPlanner.Rule</c>).</summary>
    public static IReadOnlyList<Stage> NextStages(Stage stage) => stage switch
    {
        Stage.Prepare => [Stage.Split],
        Stage.Split => [Stage.Index],
        Stage.Index => [Stage.MergeStatistics],
        Stage.MergeStatistics => [Stage.Retrieve],
        Stage.Retrieve => [Stage.Merge],
        Stage.Merge => [Stage.Rerank, Stage.Aggregate],
        Stage.Rerank => [Stage.Aggregate],
        Stage.Aggregate => [],
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
    };

    /// <summary>The queue output binding that carries tasks of <paramref name="stage"/>: its function name in camelCase (<c>mergeCandidates</c>).</summary>
    public static string OutputBinding(Stage stage)
    {
        var function = StageNames.Function(stage);
        return char.ToLowerInvariant(function[0]) + function[1..];
    }

    /// <summary>The poison handler of <paramref name="stage"/>'s queue (<c>RerankCandidatesPoisoned</c>).</summary>
    public static string PoisonFunction(Stage stage) => StageNames.Function(stage) + PoisonFunctionSuffix;

    /// <summary>The poison queue of <paramref name="stage"/> (<c>rerank-candidates-poison</c>).</summary>
    public static string PoisonQueue(Stage stage) => StageNames.Queue(stage) + PoisonQueueSuffix;

    private static IEnumerable<FunctionDefinition> Build()
    {
        foreach (var stage in StageNames.All)
        {
            yield return new FunctionDefinition(StageNames.Function(stage), FunctionKind.Stage, stage, NextStages(stage));
        }
        foreach (var stage in StageNames.All)
        {
            yield return new FunctionDefinition(PoisonFunction(stage), FunctionKind.Poison, stage, []);
        }
        yield return new FunctionDefinition(SubmitJob, FunctionKind.SubmitHttp, null, StageNames.All);
        yield return new FunctionDefinition(JobStatus, FunctionKind.StatusHttp, null, []);
        yield return new FunctionDefinition(SubmitJobFromServiceBus, FunctionKind.SubmitServiceBus, null, StageNames.All);
        yield return new FunctionDefinition(NightlyEvaluation, FunctionKind.NightlyTimer, null, []);
    }
}
