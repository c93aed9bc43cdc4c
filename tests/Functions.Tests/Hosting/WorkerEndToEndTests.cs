using System.Diagnostics;
using Pipeline.Functions.Cli;
using Pipeline.Functions.Tests.Support;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Hosting;

/// <summary>
/// The serverless path over real processes: <c>pipeline submit</c> to a real Azurite and <c>pipeline worker</c>
/// processes sharing the queues, checked against <c>pipeline run</c> in-process on the same job.
/// </summary>
public sealed class WorkerEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string InputRoot = Path.Combine(AppContext.BaseDirectory, "data", "jobs");

    private static string Job(string jobId, int shards, int blockSize) => $$"""
        {
          "version": 1,
          "jobId": "{{jobId}}",
          "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
          "queries": { "location": "cranfield/queries.tsv" },
          "qrels": { "location": "cranfield/qrels.txt" },
          "sharding": { "shards": {{shards}} },
          "firstStage": { "bm25": { "k": 100 } },
          "rerank": { "model": { "location": "models/tiny-bert-cross", "maxLength": 128, "threads": 1 }, "depth": 30, "scoresAreMeaningless": true },
          "evaluation": { "measures": ["ndcg_cut.10", "recip_rank@10", "map"], "depthSweep": [10, 30] },
          "execution": { "queryBlockSize": {{blockSize}} }
        }
        """;

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string WriteJob(string folder, string jobId, int shards, int blockSize)
    {
        var path = Path.Combine(folder, jobId + ".json");
        File.WriteAllText(path, Job(jobId, shards, blockSize));
        return path;
    }

    [AzuriteFact]
    public async Task Three_workers_give_the_runs_and_metrics_of_pipeline_run_even_when_one_is_killed_during_rerank()
    {
        azurite.EnsureRunning();
        using var temp = new TempDirectory();
        var jobFile = WriteJob(temp.Path, "e2e", shards: 3, blockSize: 25);
        var local = Cli("run", jobFile, "--store", temp.File("local"), "--inputs", InputRoot, "--parallel", "2");
        Assert.True(local.Exit == 0, local.Err);
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "e2e");
        using (store)
        {
            var submit = Cli("submit", jobFile, "--connection", azurite.ConnectionString, "--store", $"az://{container}", "--inputs", InputRoot);
            Assert.True(submit.Exit == 0, submit.Err);
            Assert.Contains("job e2e: submitted, 1 task(s) queued", submit.Out, StringComparison.Ordinal);

            var workers = Enumerable.Range(0, 3).Select(_ => StartWorker(container)).ToList();
            try
            {
                // Kill -9 a worker while it is in the middle of a rerank task.
                var clock = Stopwatch.StartNew();
                PipelineProcess? victim = null;
                while (victim is null && clock.Elapsed < TimeSpan.FromMinutes(3))
                {
                    victim = workers.FirstOrDefault(w => Running(w.Output, "rerank-candidates"));
                    await Task.Delay(50);
                }
                Assert.NotNull(victim);
                victim.Signal(9);
                Assert.Equal(137, await victim.WaitForExitAsync(TimeSpan.FromSeconds(20)));

                await WaitForStateAsync(container, "completed", TimeSpan.FromMinutes(4));
                foreach (var worker in workers.Where(w => w != victim))
                {
                    worker.Signal(15);
                    Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                    Assert.Contains("worker: stopped", worker.Output, StringComparison.Ordinal);
                }
            }
            finally
            {
                workers.ForEach(w => w.Dispose());
            }

            foreach (var name in new[] { "runs/bm25.trec", "runs/rerank.trec", "runs/rerank@10.trec", "runs/rerank@30.trec", "metrics.json", "comparison.json" })
            {
                var expected = await File.ReadAllBytesAsync(Path.Combine(temp.File("local"), "e2e", name));
                var actual = await AzuriteBlobs.DownloadAsync(store, "e2e/" + name);
                Assert.True(expected.SequenceEqual(actual), $"{name} differs from pipeline run's");
            }
        }
    }

    [AzuriteFact]
    public async Task A_task_that_always_fails_goes_to_the_poison_queue_after_five_deliveries_and_fails_the_job()
    {
        azurite.EnsureRunning();
        using var temp = new TempDirectory();
        var jobFile = WriteJob(temp.Path, "poisoned", shards: 2, blockSize: 100);
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "poison");
        using (store)
        {
            Assert.Equal(0, Cli("submit", jobFile, "--connection", azurite.ConnectionString, "--store", $"az://{container}", "--inputs", InputRoot).Exit);
            // Prepare and split only; then shard 1 disappears, so indexing it fails on every delivery.
            using (var early = StartWorker(container, "--queues", "prepare-job", "split-corpus"))
            {
                var clock = Stopwatch.StartNew();
                while (!await store.ExistsAsync("poisoned/work/corpus/manifest.json") && clock.Elapsed < TimeSpan.FromMinutes(2))
                {
                    await Task.Delay(100);
                }
                early.Signal(15);
                Assert.Equal(0, await early.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }
            Assert.True(await store.DeleteAsync("poisoned/work/corpus/shard-00001.parquet"));

            using (var indexer = StartWorker(container, "--queues", "index-shard", "--visibility-timeout", "2", "--max-dequeue-count", "5"))
            {
                await WaitForStateAsync(container, "failed", TimeSpan.FromMinutes(2), indexer);
                indexer.Signal(15);
                await indexer.WaitForExitAsync(TimeSpan.FromSeconds(30));
                Assert.Contains("shard-00001: started (attempt 5)", indexer.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("attempt 6", indexer.Output, StringComparison.Ordinal);
            }
            using var queues = new AzureQueueService(azurite.Connection);
            var poison = await queues.GetQueue("index-shard-poison").ReceiveAsync(32, TimeSpan.FromSeconds(5));
            Assert.Equal("""{"v":1,"jobId":"poisoned","stage":"index-shard","shard":1}""", Assert.Single(poison).Text);
            var status = Cli("status", "poisoned", "--connection", azurite.ConnectionString, "--store", $"az://{container}");
            Assert.Contains("job poisoned: failed", status.Out, StringComparison.Ordinal);
            Assert.Contains("error: IndexShard shard-00001: failed 5 times", status.Out, StringComparison.Ordinal);
            Assert.Contains("index-shard-poison", status.Out, StringComparison.Ordinal);
            Assert.False(await store.ExistsAsync("poisoned/metrics.json"));
        }
    }

    [AzuriteFact]
    public async Task The_account_key_never_appears_in_the_job_outputs_or_the_logs()
    {
        azurite.EnsureRunning();
        using var temp = new TempDirectory();
        var jobFile = WriteJob(temp.Path, "secret", shards: 1, blockSize: 100);
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "secret");
        using (store)
        {
            var run = Cli("run", jobFile, "--connection", azurite.ConnectionString, "--store", $"az://{container}", "--inputs", InputRoot);
            Assert.True(run.Exit == 0, run.Err);
            var key = Pipeline.Storage.Connection.StorageConnection.DevelopmentAccountKey;
            var names = await AzuriteBlobs.ListAsync(store, "secret/");
            Assert.Contains("secret/manifest.json", names);
            foreach (var name in names.Where(n => n.EndsWith(".json", StringComparison.Ordinal) || n.EndsWith(".md", StringComparison.Ordinal)
                || n.EndsWith(".html", StringComparison.Ordinal)))
            {
                var text = System.Text.Encoding.UTF8.GetString(await AzuriteBlobs.DownloadAsync(store, name));
                Assert.DoesNotContain(key, text, StringComparison.Ordinal);
                Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain(key, run.Out + run.Err, StringComparison.Ordinal);
        }
    }

    private PipelineProcess StartWorker(string container, params string[] extra) => new(
        ["worker", "--store", $"az://{container}", "--inputs", InputRoot, .. extra.Contains("--visibility-timeout") ? extra : [.. extra, "--visibility-timeout", "4"]],
        new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString });

    /// <summary>Whether the worker's log shows a task of <paramref name="queue"/> started and not yet done.</summary>
    private static bool Running(string log, string queue)
    {
        var lines = log.Split('\n');
        var started = lines.Where(l => l.Contains($"/{queue}/", StringComparison.Ordinal) && l.Contains(": started", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf($"/{queue}/", StringComparison.Ordinal) + queue.Length + 2)..].Split(':')[0]).ToList();
        return started.Any(unit => !lines.Any(l => l.Contains($"/{queue}/{unit}: done", StringComparison.Ordinal)));
    }

    private async Task WaitForStateAsync(string container, string state, TimeSpan timeout, PipelineProcess? worker = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            var jobId = container.StartsWith("e2e", StringComparison.Ordinal) ? "e2e" : container.StartsWith("poison", StringComparison.Ordinal) ? "poisoned" : "secret";
            last = Cli("status", jobId, "--connection", azurite.ConnectionString, "--store", $"az://{container}").Out;
            if (last.Contains($": {state}", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"the job did not become {state} within {timeout}; last status:\n{last}\nworker log:\n{worker?.Output}");
    }
}
