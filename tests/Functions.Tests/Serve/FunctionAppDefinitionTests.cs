using System.Text.Json.Nodes;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Functions.Hosting;
using Pipeline.Functions.Hosting.Serve;
using Pipeline.Stages.Coordination;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>
/// The committed Function app definition (<c>host.json</c>, <c>functions/&lt;Name&gt;/function.json</c>, copied to
/// <c>app/</c> by the build) against the one place names live: <see cref="StageNames"/>, through
/// <see cref="FunctionCatalog"/>.
/// </summary>
public class FunctionAppDefinitionTests
{
    private static string App => Path.Combine(AppContext.BaseDirectory, "app");

    private static Dictionary<string, JsonObject> Folders() => Directory.EnumerateDirectories(App)
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .ToDictionary(d => Path.GetFileName(d), d => JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!.AsObject(), StringComparer.Ordinal);

    [Fact]
    public void Every_function_folder_is_a_function_of_the_catalog_and_every_function_has_a_folder()
    {
        var expected = StageNames.All.Select(StageNames.Function)
            .Concat(StageNames.All.Select(s => StageNames.Function(s) + "Poisoned"))
            .Concat(["SubmitJob", "JobStatus", "SubmitJobFromServiceBus", "NightlyEvaluation"])
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Folders().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, FunctionCatalog.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_json_is_its_catalog_definition()
    {
        var folders = Folders();

        foreach (var function in FunctionCatalog.All)
        {
            var expected = function.ToFunctionJson();
            Assert.True(JsonNode.DeepEquals(expected, folders[function.Name]),
                $"functions/{function.Name}/function.json differs from the catalog; expected:\n{expected}");
        }
    }

    [Fact]
    public void Queue_names_and_binding_names_come_from_StageNames()
    {
        var queues = StageNames.All.ToDictionary(StageNames.Queue, s => s, StringComparer.Ordinal);

        foreach (var (name, json) in Folders())
        {
            var bindings = json["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            var trigger = Assert.Single(bindings, b => b["direction"]!.GetValue<string>() == "in");
            var type = trigger["type"]!.GetValue<string>();
            if (StageNames.TryFromFunction(name, out var stage))
            {
                Assert.Equal(("queueTrigger", "task", StageNames.Queue(stage), "AzureWebJobsStorage"), QueueBinding(trigger));
            }
            else if (name.EndsWith("Poisoned", StringComparison.Ordinal))
            {
                Assert.True(StageNames.TryFromFunction(name[..^"Poisoned".Length], out var poisoned), name);
                Assert.Equal(("queueTrigger", "task", StageNames.Queue(poisoned) + "-poison", "AzureWebJobsStorage"), QueueBinding(trigger));
            }
            else if (name == "SubmitJobFromServiceBus")
            {
                Assert.Equal(("serviceBusTrigger", "job", "submit-job", "ServiceBusConnection"), QueueBinding(trigger));
            }
            else if (name == "NightlyEvaluation")
            {
                Assert.Equal(("timerTrigger", "timer", "%Nightly__Schedule%"),
                    (type, trigger["name"]!.GetValue<string>(), trigger["schedule"]!.GetValue<string>()));
                Assert.Single(bindings);
            }
            else
            {
                Assert.Equal("httpTrigger", type);
                Assert.Equal("function", trigger["authLevel"]!.GetValue<string>());
                var response = Assert.Single(bindings, b => b["type"]!.GetValue<string>() == "http");
                Assert.Equal(("res", "out"), (response["name"]!.GetValue<string>(), response["direction"]!.GetValue<string>()));
            }
            foreach (var output in bindings.Where(b => b["type"]!.GetValue<string>() == "queue"))
            {
                var queue = output["queueName"]!.GetValue<string>();
                Assert.True(queues.TryGetValue(queue, out var target), $"{name}: output to {queue}, which is no stage queue");
                var function = StageNames.Function(target);
                Assert.Equal((char.ToLowerInvariant(function[0]) + function[1..], "out", "AzureWebJobsStorage"),
                    (output["name"]!.GetValue<string>(), output["direction"]!.GetValue<string>(), output["connection"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public void The_HTTP_functions_have_the_documented_routes_and_methods()
    {
        var folders = Folders();

        Assert.Equal(("jobs", "post"), Route(folders["SubmitJob"]));
        Assert.Equal(("jobs/{jobId}", "get"), Route(folders["JobStatus"]));
    }

    [Fact]
    public void Each_stage_function_has_an_output_for_exactly_the_stages_the_planner_can_enqueue_after_it()
    {
        var facts = new JobFacts(Blocks: 3, Shards: 2);
        var specs = new[] { Spec(rerank: false), Spec(rerank: true) };

        foreach (var stage in StageNames.All)
        {
            var planned = new SortedSet<Stage>();
            foreach (var spec in specs)
            {
                foreach (var task in Tasks(spec, stage))
                {
                    planned.UnionWith(JobPlanner.Rule(spec, facts, task).Next.Select(t => t.Stage));
                }
            }
            Assert.True(FunctionCatalog.TryGet(StageNames.Function(stage), out var function));
            Assert.Equal(planned, function.Outputs.Order());
        }
        Assert.True(FunctionCatalog.TryGet("SubmitJob", out var submit));
        Assert.Equal(StageNames.All, submit.Outputs);
    }

    [Fact]
    public void Host_json_runs_pipeline_serve_as_the_custom_handler_with_the_extension_bundle()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(App, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("pipeline", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal(["serve"], host["customHandler"]!["description"]!["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.False(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
        Assert.Equal("base64", host["extensions"]!["queues"]!["messageEncoding"]!.GetValue<string>());
        Assert.Equal(5, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
    }

    [Fact]
    public void The_sample_local_settings_name_every_setting_the_app_reads_with_placeholders_only()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(App, "local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

        Assert.Equal("Custom", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values[FunctionCatalog.StorageConnection]);
        Assert.Equal("az://pipeline-jobs", values[HostSettings.StoreVariable]);
        Assert.Equal(HostSettings.DefaultStore, values[HostSettings.StoreVariable]);
        Assert.StartsWith("<", values[HostSettings.InputRootVariable], StringComparison.Ordinal);
        Assert.StartsWith("<service-bus-connection-string", values[FunctionCatalog.ServiceBusConnection], StringComparison.Ordinal);
        Assert.Equal("true", values[$"AzureWebJobs.{FunctionCatalog.SubmitJobFromServiceBus}.Disabled"]);
        Assert.All(values.Values, v => Assert.True(!v.Contains("Key=", StringComparison.OrdinalIgnoreCase) || v.StartsWith('<'), $"a secret in the sample: {v}"));
    }

    private static (string Type, string Name, string Queue, string Connection) QueueBinding(JsonObject binding) => (
        binding["type"]!.GetValue<string>(), binding["name"]!.GetValue<string>(),
        binding["queueName"]!.GetValue<string>(), binding["connection"]!.GetValue<string>());

    private static (string Route, string Method) Route(JsonObject function)
    {
        var trigger = function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
        return (trigger["route"]!.GetValue<string>(), Assert.Single(trigger["methods"]!.AsArray())!.GetValue<string>());
    }

    private static IEnumerable<StageTask> Tasks(JobSpec spec, Stage stage) => stage switch
    {
        Stage.Index => [new StageTask(spec.JobId, stage, Shard: 0), new StageTask(spec.JobId, stage, Shard: 1)],
        Stage.Retrieve => [new StageTask(spec.JobId, stage, 0, 0), new StageTask(spec.JobId, stage, 1, 2)],
        Stage.Merge or Stage.Rerank => [new StageTask(spec.JobId, stage, Block: 0), new StageTask(spec.JobId, stage, Block: 2)],
        _ => [new StageTask(spec.JobId, stage)],
    };

    private static JobSpec Spec(bool rerank) => JobSpecReader.Read($$"""
        {
          "version": 1,
          "jobId": "plan",
          "corpus": { "location": "cranfield/corpus.jsonl.gz" },
          "queries": { "location": "cranfield/queries.tsv" },
          "firstStage": { "bm25": { "k": 100 } }{{(rerank ? ", \"rerank\": { \"model\": { \"location\": \"models/m\" }, \"depth\": 20 }" : "")}}
        }
        """);
}
