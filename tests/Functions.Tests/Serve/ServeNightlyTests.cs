using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Tests.Serve.Support;
using Pipeline.Functions.Tests.Support;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>
/// The <c>NightlyEvaluation</c> timer function over a real <c>pipeline serve</c> process: it starts the night on the
/// account's stage queues (a real Azurite) and returns; a real <c>pipeline worker</c> runs the jobs, and the job-end
/// handler of that worker writes the history and the summary.
/// </summary>
public sealed class ServeNightlyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Suite = """
        {
          "version": 1,
          "suite": "cran",
          "jobs": [
            { "name": "bm25", "job": { "version": 1, "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
                "queries": { "location": "cranfield/queries.tsv" }, "qrels": { "location": "cranfield/qrels.txt" },
                "firstStage": { "bm25": { "k": 100 } }, "evaluation": { "measures": ["ndcg_cut.10", "map"] } } }
          ],
          "track": [ { "run": "bm25", "measure": "ndcg_cut_10" } ]
        }
        """;

    /// <summary>What the host posts for a timer trigger (Data.timer: the TimerInfo).</summary>
    private static string TimerPayload(bool pastDue = false) => new JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-11-21T02:00:00+00:00", ["Next"] = "2026-11-23T02:00:00+00:00", ["LastUpdated"] = "2026-11-21T02:00:00+00:00" },
                ["IsPastDue"] = pastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "NightlyEvaluation", ["UtcNow"] = "2026-11-22T02:00:00Z" } },
    }.ToJsonString();

    [AzuriteDuckDbFact]
    public async Task A_timer_firing_queues_the_night_and_returns_then_a_worker_runs_it_to_one_summary_and_a_second_firing_queues_nothing()
    {
        azurite.EnsureRunning();
        using var suites = new TempDirectory();
        File.WriteAllText(suites.File("cran.json"), Suite);
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "nightly");
        using var queues = new AzureQueueService(azurite.Connection);
        using (store)
        await using (var serve = await ServeProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pipeline__Store"] = $"az://{container}",
            ["Nightly__Suites"] = suites.Path,
        }))
        {
            var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var jobId = $"nightly-cran-bm25-{date.Replace("-", "", StringComparison.Ordinal)}";

            var (status, body) = await serve.PostAsync("NightlyEvaluation", TimerPayload());

            Assert.Equal(200, status);
            Assert.Contains($"night {date}: started; 1 job(s) queued, 0 refused at submission", HostPayloads.Logs(body));
            // The job waits on the prepare queue; nothing of it has run.
            Assert.Equal([new StageTask(jobId, Stage.Prepare).ToMessage()], await PeekAsync(queues, "prepare-job"));
            Assert.Empty(await AzuriteBlobs.ListAsync(store, $"{jobId}/work/"));
            Assert.False(await store.ExistsAsync($"nightly/{date}/summary.json"));
            Assert.True(await store.ExistsAsync($"nightly/{date}/started.json"));

            using (var worker = new PipelineProcess(["worker", "--store", $"az://{container}", "--inputs", ServeProcess.InputRoot, "--visibility-timeout", "4"],
                new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString }))
            {
                var clock = Stopwatch.StartNew();
                while (!await store.ExistsAsync($"nightly/{date}/summary.json"))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"no summary after 3 minutes; worker log:\n{worker.Output}");
                    await Task.Delay(250);
                }
                worker.Signal(15);
                Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"{jobId}/aggregate-results/job: JobCompleted", worker.Output, StringComparison.Ordinal);
            }
            // The worker that ended the job wrote the history and the summary.
            Assert.True(await store.ExistsAsync($"history/cran/bm25/{date}.json"));
            using (var finish = JsonDocument.Parse(await AzuriteBlobs.DownloadAsync(store, $"nightly/{date}/finish.json")))
            {
                Assert.Equal(jobId, finish.RootElement.GetProperty("claimant").GetString());
            }
            var summary = await AzuriteBlobs.DownloadAsync(store, $"nightly/{date}/summary.json");
            using (var json = JsonDocument.Parse(summary))
            {
                Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
                Assert.Equal("completed", json.RootElement.GetProperty("suites")[0].GetProperty("jobs")[0].GetProperty("state").GetString());
            }

            var (again, secondBody) = await serve.PostAsync("NightlyEvaluation", TimerPayload(pastDue: true));

            Assert.Equal(200, again);
            Assert.Contains($"night {date}: already done (ok); nothing started", HostPayloads.Logs(secondBody));
            foreach (var stage in StageNames.All)
            {
                Assert.Empty(await PeekAsync(queues, StageNames.Queue(stage)));
            }
            Assert.Equal(summary, await AzuriteBlobs.DownloadAsync(store, $"nightly/{date}/summary.json"));
        }
    }

    [Fact]
    public async Task Without_a_storage_account_the_timer_logs_why_and_starts_nothing()
    {
        using var suites = new TempDirectory();
        File.WriteAllText(suites.File("cran.json"), Suite);
        await using var serve = await ServeProcess.StartAsync(new Dictionary<string, string?> { ["Nightly__Suites"] = suites.Path });

        var (status, body) = await serve.PostAsync("NightlyEvaluation", TimerPayload());

        Assert.Equal(200, status);
        Assert.Contains(HostPayloads.Logs(body), l => l.Contains("stage queues of the storage account", StringComparison.Ordinal)
            && l.Contains("AzureWebJobsStorage", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(serve.Store, "nightly")));
    }

    [Fact]
    public async Task Without_suites_configured_the_timer_logs_why_and_runs_nothing()
    {
        await using var serve = await ServeProcess.StartAsync();

        var (status, body) = await serve.PostAsync("NightlyEvaluation", TimerPayload());

        Assert.Equal(200, status);
        Assert.Contains(HostPayloads.Logs(body), l => l.Contains("Nightly__Suites", StringComparison.Ordinal) && l.Contains("is not set", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(serve.Store, "nightly")));
    }

    /// <summary>The texts of the messages on <paramref name="queue"/>, received and made visible again at once.</summary>
    internal static async Task<List<string>> PeekAsync(IMessageQueueProvider queues, string queue)
    {
        var q = queues.GetQueue(queue);
        await q.CreateIfMissingAsync();
        var received = await q.ReceiveAsync(32, TimeSpan.FromSeconds(30));
        foreach (var message in received)
        {
            await q.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
        }
        return [.. received.Select(m => m.Text)];
    }
}
