using System.Text.Json.Nodes;
using Pipeline.Core.Tasks;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>One function: its name (= its folder and the path the host POSTs to), what it does, and its queue outputs.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Stage">The stage of a stage or poison function; null otherwise.</param>
/// <param name="Outputs">The stages it can enqueue tasks for, each through one queue output binding.</param>
internal sealed record FunctionDefinition(string Name, FunctionKind Kind, Stage? Stage, IReadOnlyList<Stage> Outputs)
{
    /// <summary>The <c>function.json</c> of this function.</summary>
    public JsonObject ToFunctionJson()
    {
        var bindings = new JsonArray();
        switch (Kind)
        {
            case FunctionKind.Stage:
                bindings.Add(QueueTrigger(StageNames.Queue(Stage!.Value)));
                break;
            case FunctionKind.Poison:
                bindings.Add(QueueTrigger(FunctionCatalog.PoisonQueue(Stage!.Value)));
                break;
            case FunctionKind.SubmitHttp:
                bindings.Add(HttpTrigger("post", FunctionCatalog.SubmitRoute));
                bindings.Add(HttpOutput());
                break;
            case FunctionKind.StatusHttp:
                bindings.Add(HttpTrigger("get", FunctionCatalog.StatusRoute));
                bindings.Add(HttpOutput());
                break;
            case FunctionKind.SubmitServiceBus:
                bindings.Add(new JsonObject
                {
                    ["name"] = FunctionCatalog.JobBinding,
                    ["type"] = "serviceBusTrigger",
                    ["direction"] = "in",
                    ["queueName"] = FunctionCatalog.SubmitQueue,
                    ["connection"] = FunctionCatalog.ServiceBusConnection,
                });
                break;
            case FunctionKind.NightlyTimer:
                bindings.Add(new JsonObject
                {
                    ["name"] = FunctionCatalog.TimerBinding,
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["schedule"] = $"%{FunctionCatalog.ScheduleSetting}%",
                    ["useMonitor"] = true,
                    ["runOnStartup"] = false,
                });
                break;
            default:
                throw new InvalidOperationException($"unknown function kind {Kind}");
        }
        foreach (var stage in Outputs)
        {
            bindings.Add(new JsonObject
            {
                ["name"] = FunctionCatalog.OutputBinding(stage),
                ["type"] = "queue",
                ["direction"] = "out",
                ["queueName"] = StageNames.Queue(stage),
                ["connection"] = FunctionCatalog.StorageConnection,
            });
        }
        return new JsonObject { ["bindings"] = bindings };
    }

    private static JsonObject QueueTrigger(string queue) => new()
    {
        ["name"] = FunctionCatalog.TaskBinding,
        ["type"] = "queueTrigger",
        ["direction"] = "in",
        ["queueName"] = queue,
        ["connection"] = FunctionCatalog.StorageConnection,
    };

    private static JsonObject HttpTrigger(string method, string route) => new()
    {
        ["name"] = FunctionCatalog.RequestBinding,
        ["type"] = "httpTrigger",
        ["direction"] = "in",
        ["authLevel"] = "function",
        ["methods"] = new JsonArray(method),
        ["route"] = route,
    };

    private static JsonObject HttpOutput() => new()
    {
        ["name"] = FunctionCatalog.ResponseBinding,
        ["type"] = "http",
        ["direction"] = "out",
    };
}
