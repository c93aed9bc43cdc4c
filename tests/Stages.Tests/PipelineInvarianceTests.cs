using System.Collections.Concurrent;
using System.Text;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Tests.Support;

namespace Pipeline.Stages.Tests;

/// <summary>
/// The results of a job depend only on its inputs and spec: not on the shard count, the number of workers, duplicated
/// messages, tasks dying at the worst moments, or a job resumed after losing part of its work.
/// </summary>
public sealed class PipelineInvarianceTests(ReferenceRun reference) : IClassFixture<ReferenceRun>
{
    private static readonly string[] ExpectedResults =
    [
        "comparison.json", "metrics.json", "runs/bm25.trec", "runs/dense.trec", "runs/fusion.trec", "runs/rerank.trec",
        "runs/rerank@10.trec", "runs/rerank@20.trec", "runs/rerank@5.trec",
    ];

    [Fact]
    public void The_reference_job_completes_with_every_run_metrics_and_comparison()
    {
        Assert.Equal(JobState.Completed, reference.Status.State);
        Assert.Equal(ExpectedResults, reference.Results.Keys);
        Assert.All(reference.Results.Values, bytes => Assert.True(bytes.Length > 100));
        var bm25 = Encoding.UTF8.GetString(reference.Results["runs/bm25.trec"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(225 * 100, bm25.Length);
        // Cranfield has 1,400 records; two are bad (without text, or a repeated id) and skipped: the job says onBadRecord "skip".
        Assert.Contains("\"documents\": 1398,", reference.Manifest, StringComparison.Ordinal);
        Assert.Contains("\"skippedRecords\": 2,", reference.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seven_shards_and_four_workers_give_byte_identical_runs_and_metrics()
    {
        using var harness = new JobHarness();
        // One shard index (and one shard's embeddings) kept at a time among four workers: shards are dropped and
        // loaded again while other tasks still search them.
        harness.Environment.Resources.ShardCapacity = 1;
        var status = await harness.RunAsync(JobHarness.FullSpec("sharded", shards: 7), parallel: 4);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(7, status.Stages.Single(s => s.Stage == Stage.Index).Done);
        Assert.Equal(7 * 5, status.Stages.Single(s => s.Stage == Stage.Retrieve).Done);
        AssertSameResults(reference.Results, harness.Results("sharded"));
    }

    [Fact]
    public async Task First_stage_runs_do_not_depend_on_the_query_block_size()
    {
        using var harness = new JobHarness();
        var status = await harness.RunAsync(JobHarness.FullSpec("blocks", shards: 3, blockSize: 17), parallel: 2);

        Assert.Equal(JobState.Completed, status.State);
        var results = harness.Results("blocks");
        foreach (var run in new[] { "runs/bm25.trec", "runs/dense.trec", "runs/fusion.trec" })
        {
            Assert.Equal(Encoding.UTF8.GetString(reference.Results[run]), Encoding.UTF8.GetString(results[run]));
        }
    }

    [Fact]
    public async Task Every_message_delivered_twice_changes_nothing_and_each_group_advances_once()
    {
        using var harness = new JobHarness();
        var advances = new ConcurrentBag<(Stage Stage, string Group)>();
        harness.Dispatcher.GroupAdvanced += (task, group) => advances.Add((task.Stage, group));

        var status = await harness.RunAsync(JobHarness.FullSpec("twice", shards: 3), parallel: 4, new DuplicatingQueues(harness.Broker));

        Assert.Equal(JobState.Completed, status.State);
        AssertSameResults(reference.Results, harness.Results("twice"));
        // Groups: prepare, split, index (all), merge-statistics, retrieve (one per block), merge (one per block: its rerank),
        // rerank (all), aggregate.
        var expected = 1 + 1 + 1 + 1 + 5 + 5 + 1 + 1;
        Assert.Equal(expected, advances.Count);
        Assert.Equal(advances.Count, advances.Distinct().Count());
        Assert.Equal(0, harness.Broker.GetInMemoryQueue(StageNames.Queue(Stage.Aggregate) + "-poison").Count);
    }

    [Fact]
    public async Task Tasks_dying_before_their_commit_or_after_their_claim_are_retried_without_changing_anything()
    {
        using var harness = new JobHarness();
        var diedBeforeCommit = new ConcurrentDictionary<Stage, StageTask>();
        var diedAfterClaim = new ConcurrentDictionary<Stage, StageTask>();
        // The first task of each stage dies after writing its outputs, before committing; the first claimant of each stage
        // dies after winning its claim, before its next tasks are enqueued. Both come back with the next delivery.
        harness.Environment.BeforeCommitAsync = (task, attempt, _) =>
            attempt == 1 && diedBeforeCommit.TryAdd(task.Stage, task) ? throw new IOException($"{task} killed before commit") : Task.CompletedTask;
        harness.Environment.AfterClaimAsync = (task, attempt, _) =>
            attempt <= 2 && diedAfterClaim.TryAdd(task.Stage, task) ? throw new IOException($"{task} killed after claim") : Task.CompletedTask;

        var status = await harness.RunAsync(JobHarness.FullSpec("dying", shards: 3), parallel: 3);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(StageNames.All.Count, diedBeforeCommit.Count);
        Assert.Equal(StageNames.All.Count, diedAfterClaim.Count);
        AssertSameResults(reference.Results, harness.Results("dying"));
    }

    [Fact]
    public async Task A_resubmitted_job_redoes_only_the_tasks_whose_work_was_lost()
    {
        using var harness = new JobHarness();
        var spec = JobHarness.FullSpec("resumed", shards: 3);
        Assert.Equal(JobState.Completed, (await harness.RunAsync(spec, parallel: 2)).State);
        var layout = new JobLayout(spec.JobId);
        // Lose block 2's merge and rerank, the aggregate, and every result, as if the store had been partly cleaned.
        foreach (var name in new[]
        {
            layout.Done(new StageTask(spec.JobId, Stage.Merge, Block: 2)), layout.Done(new StageTask(spec.JobId, Stage.Rerank, Block: 2)),
            layout.Done(new StageTask(spec.JobId, Stage.Aggregate)), layout.RerankedBlock(2), layout.Metrics, layout.Comparison,
        })
        {
            File.Delete(Path.Combine(harness.Store.Root, name));
        }
        Directory.Delete(Path.Combine(harness.Store.Root, spec.JobId, "runs"), recursive: true);
        File.Delete(Path.Combine(harness.Store.Root, layout.Advance(Stage.Merge, "block-00002")));
        File.Delete(Path.Combine(harness.Store.Root, layout.Advance(Stage.Rerank, "all")));
        File.Delete(Path.Combine(harness.Store.Root, layout.Advance(Stage.Aggregate, "job")));
        harness.Executions.Clear();

        var status = await harness.RunAsync(spec, parallel: 2);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(
            [$"resumed/aggregate-results/job", "resumed/merge-candidates/block-00002", "resumed/rerank-candidates/block-00002"],
            harness.Executions.Keys.Order(StringComparer.Ordinal));
        AssertSameResults(reference.Results, harness.Results("resumed"));
    }

    [Fact]
    public async Task Running_a_completed_job_again_does_no_work_and_reports_it_completed()
    {
        using var harness = new JobHarness();
        var spec = JobHarness.Bm25Spec("again");
        Assert.Equal(JobState.Completed, (await harness.RunAsync(spec, parallel: 2)).State);
        var metrics = File.ReadAllBytes(harness.JobFile("again", "metrics.json"));
        harness.Executions.Clear();

        var status = await harness.RunAsync(spec, parallel: 2);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Empty(harness.Executions);
        Assert.Equal(metrics, File.ReadAllBytes(harness.JobFile("again", "metrics.json")));
    }

    private static void AssertSameResults(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
        {
            // metrics.json names its job; everything else must be the same bytes.
            Assert.True(WithoutJobId(bytes) == WithoutJobId(actual[name]), $"{name} differs from the reference run");
        }
    }

    private static string WithoutJobId(byte[] bytes) =>
        System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(bytes), "\"jobId\": \"[^\"]+\"", "\"jobId\": \"JOB\"");
}
