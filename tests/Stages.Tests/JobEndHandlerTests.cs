using System.Collections.Concurrent;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Tests.Support;

namespace Pipeline.Stages.Tests;

/// <summary>The job-end hook: told at least once when a job completes or fails, after its final status is stored.</summary>
public sealed class JobEndHandlerTests
{
    [Fact]
    public async Task A_completed_job_is_reported_completed_after_its_status_is_stored_even_with_every_message_twice()
    {
        using var harness = new JobHarness();
        var ends = new Recorder(harness);
        harness.Environment.JobEndHandler = ends;

        var status = await harness.RunAsync(JobHarness.Bm25Spec("ends-completed"), parallel: 2, new DuplicatingQueues(harness.Broker));

        Assert.Equal(JobState.Completed, status.State);
        Assert.NotEmpty(ends.Calls);
        Assert.All(ends.Calls, call =>
        {
            Assert.Equal("ends-completed", call.JobId);
            Assert.Equal(JobState.Completed, call.State);
            Assert.Null(call.Error);
            Assert.Contains("\"state\": \"completed\"", call.StoredStatus, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_job_failed_by_a_task_that_never_commits_is_reported_failed_with_the_reason()
    {
        using var harness = new JobHarness();
        var ends = new Recorder(harness);
        harness.Environment.JobEndHandler = ends;
        harness.Environment.BeforeCommitAsync = (task, _, _) =>
            task.Stage == Stage.Index && task.Shard == 1 ? throw new InvalidDataException("shard 1 is cursed") : Task.CompletedTask;

        var status = await harness.RunAsync(JobHarness.Bm25Spec("ends-failed"), parallel: 2);

        Assert.Equal(JobState.Failed, status.State);
        Assert.NotEmpty(ends.Calls);
        Assert.All(ends.Calls, call =>
        {
            Assert.Equal(JobState.Failed, call.State);
            Assert.Contains("shard 1 is cursed", call.Error, StringComparison.Ordinal);
            Assert.Contains("\"state\": \"failed\"", call.StoredStatus, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(ends.Calls, call => call.State == JobState.Completed);
    }

    private sealed class Recorder(JobHarness harness) : IJobEndHandler
    {
        public ConcurrentQueue<(string JobId, JobState State, string? Error, string StoredStatus)> Calls { get; } = new();

        public Task JobEndedAsync(JobEnd ending, CancellationToken cancellationToken)
        {
            var stored = File.ReadAllText(Path.Combine(harness.Store.Root, ending.Spec.JobId, "status.json"));
            Calls.Enqueue((ending.Spec.JobId, ending.State, ending.Error, stored));
            return Task.CompletedTask;
        }
    }
}
