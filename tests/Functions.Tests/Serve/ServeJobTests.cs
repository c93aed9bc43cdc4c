using System.Text.Json.Nodes;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Tests.Serve.Support;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>
/// Whole jobs through a real <c>pipeline serve</c> process, with the test as the Functions host: every queue output of
/// an answer becomes the next invocations (double-encoded, as the host sends them), until nothing is left.
/// </summary>
public class ServeJobTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private ServeProcess Serve => fixture.Serve;

    [DuckDbFact]
    public async Task A_bm25_job_runs_to_completion_through_the_functions_and_duplicates_advance_nothing()
    {
        var jobId = ServeFixture.NewJobId("served");
        var (_, submitted) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));
        var duplicateChecked = false;

        var invocations = await FunctionsHostLoop.RunAsync(Serve, submitted, async (function, message, answer) =>
        {
            if (!duplicateChecked && function == "IndexShard")
            {
                // The same delivery again while the other shard is not done: skipped, and it advances nothing.
                var (again, duplicate) = await Serve.PostAsync(function, HostPayloads.Queue(message, dequeueCount: 2));
                Assert.Equal(200, again);
                Assert.Empty(duplicate["Outputs"]!.AsObject());
                Assert.Contains($"{StageTask.Parse(message)}: already committed, not repeated", HostPayloads.Logs(duplicate));
                duplicateChecked = true;
            }
        });

        Assert.True(duplicateChecked);
        // prepare, split, 2 index, merge-statistics, 2 shards × 4 blocks retrieve, 4 merge, aggregate; each once.
        Assert.Equal(18, invocations.Count);
        Assert.Equal(18, invocations.Select(i => StageTask.Parse(i.Message).ToString()).Distinct(StringComparer.Ordinal).Count());
        var status1 = await StatusAsync(jobId);
        Assert.Equal("completed", status1["state"]!.GetValue<string>());
        Assert.All(status1["stages"]!.AsArray(), s => Assert.Equal(s!["total"]!.GetValue<int>(), s["done"]!.GetValue<int>()));
        var run = File.ReadAllLines(Path.Combine(Serve.Store, jobId, "runs", "bm25.trec"));
        var queries = File.ReadAllLines(Path.Combine(ServeProcess.InputRoot, "cranfield", "queries.tsv")).Count(l => l.Length > 0);
        Assert.Equal(queries, run.Select(l => l.Split(' ')[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(run, l => Assert.Equal(6, l.Split(' ').Length));

        // Every task delivered once more after the end: all acknowledged, none enqueues anything or runs again.
        foreach (var (function, message) in invocations)
        {
            var (status, answer) = await Serve.PostAsync(function, HostPayloads.Queue(message, dequeueCount: 2));
            Assert.Equal(200, status);
            Assert.Empty(answer["Outputs"]!.AsObject());
        }
        var status2 = await StatusAsync(jobId);
        Assert.Equal("completed", status2["state"]!.GetValue<string>());
        Assert.Equal(
            status1["stages"]!.AsArray().Select(s => (s!["done"]!.GetValue<int>(), s["seconds"]!.GetValue<double>())),
            status2["stages"]!.AsArray().Select(s => (s!["done"]!.GetValue<int>(), s["seconds"]!.GetValue<double>())));

        // A poisoned duplicate of a committed task does not fail the finished job.
        var (poisonStatus, poisoned) = await Serve.PostAsync("PrepareJobPoisoned", HostPayloads.Queue(new StageTask(jobId, Stage.Prepare).ToMessage()));
        Assert.Equal(200, poisonStatus);
        Assert.Equal([$"warning: PrepareJobPoisoned: {jobId}/prepare-job/job committed before; its poisoned duplicate does not fail the job"],
            HostPayloads.Logs(poisoned).SkipLast(1));
        Assert.Equal("completed", (await StatusAsync(jobId))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_that_fails_is_500_and_once_poisoned_marks_the_job_failed_with_the_reason()
    {
        var jobId = ServeFixture.NewJobId("poisoned");
        await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));
        var message = new StageTask(jobId, Stage.MergeStatistics).ToMessage();

        // Before the corpus is split the shard count is unknown: a failure the host should retry.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (status, error) = await Serve.PostAsync("MergeStatistics", HostPayloads.Queue(message, dequeueCount: attempt), invocationId: $"inv-{attempt}");
            Assert.Equal(500, status);
            Assert.Equal("MergeStatistics failed and will be retried: InvalidOperationException: the shard count is not known before the corpus is split",
                error["error"]!.GetValue<string>());
            Assert.Equal($"inv-{attempt}", error["invocationId"]!.GetValue<string>());
        }
        Assert.Equal("queued", (await StatusAsync(jobId))["state"]!.GetValue<string>());

        // The host moved it to merge-statistics-poison after maxDequeueCount.
        var (poisonStatus, poisoned) = await Serve.PostAsync("MergeStatisticsPoisoned", HostPayloads.Queue(message));

        const string reason = "failed on every delivery and was moved to merge-statistics-poison "
            + "(last: InvalidOperationException: the shard count is not known before the corpus is split)";
        Assert.Equal(200, poisonStatus);
        Assert.Empty(poisoned["Outputs"]!.AsObject());
        Assert.Contains($"error: MergeStatisticsPoisoned: {jobId}/merge-statistics/job reached merge-statistics-poison; job marked failed: MergeStatistics job: {reason}",
            HostPayloads.Logs(poisoned));
        var failed = await StatusAsync(jobId);
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Equal($"MergeStatistics job: {reason}", failed["error"]!.GetValue<string>());

        // Later tasks of the failed job are acknowledged with the reason and advance nothing.
        var (lateStatus, late) = await Serve.PostAsync("PrepareJob", HostPayloads.Queue(new StageTask(jobId, Stage.Prepare).ToMessage()));
        Assert.Equal(200, lateStatus);
        Assert.Empty(late["Outputs"]!.AsObject());
        Assert.Contains($"error: PrepareJob: {jobId}/prepare-job/job: job failed: MergeStatistics job: {reason}", HostPayloads.Logs(late));
    }

    private async Task<JsonObject> StatusAsync(string jobId)
    {
        var (_, answer) = await Serve.PostAsync("JobStatus",
            HostPayloads.Http("GET", $"http://localhost:7071/api/jobs/{jobId}", routeParams: new JsonObject { ["jobId"] = jobId }));
        var (code, body) = HostPayloads.Response(answer);
        Assert.Equal(200, code);
        return body;
    }
}
