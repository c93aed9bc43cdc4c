using System.Collections.Concurrent;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Tests.Support;

namespace Pipeline.Nightly.Tests;

/// <summary>The embedded mode: a run stopped half way releases its claim, and the next run finishes the night.</summary>
public sealed class NightlyRunnerTests
{
    private static readonly DateOnly Night = new(2026, 4, 2);

    [Fact]
    public async Task A_run_cancelled_after_its_first_job_releases_the_night_and_the_next_run_finishes_only_the_other_job()
    {
        using var harness = new NightHarness(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 2, 2, 0, 0, TimeSpan.Zero));
        var options = new NightlyOptions { Workers = NightHarness.Workers(parallel: 1) };
        var first = new NightlyRunner(harness.Environment, options);
        using var cancel = new CancellationTokenSource();
        var ended = new ConcurrentQueue<JobOutcome>();
        first.JobEnded += outcome =>
        {
            ended.Enqueue(outcome);
            cancel.Cancel();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(harness.Suites, Night, cancel.Token));

        var done = Assert.Single(ended);
        Assert.True(done.Completed);
        Assert.False(File.Exists(harness.StorePath(NightlyLayout.Claim(Night))));
        Assert.False(File.Exists(harness.StorePath(NightlyLayout.Started(Night))));
        Assert.False(File.Exists(harness.StorePath(NightlyLayout.SummaryJson(Night))));
        Assert.True(File.Exists(harness.StorePath(NightlyLayout.Outcome(Night, done.JobId))));

        var second = new NightlyRunner(harness.Environment, options);
        var queued = new ConcurrentQueue<string>();
        second.JobStarting += queued.Enqueue;
        var result = await second.RunAsync(harness.Suites, Night);

        Assert.Equal(NightlyOutcome.Ran, result.Outcome);
        Assert.Equal(NightlyStatus.Ok, result.Status);
        var other = Assert.Single(queued);
        Assert.NotEqual(done.JobId, other);
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Outcome(Night, done.JobId)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Outcome(Night, other)));
        Assert.Equal([true, true], result.Summary!.Jobs.Select(j => j.Completed));
        Assert.Equal(2, harness.Store.Writes(NightlyLayout.Claim(Night)));
    }
}
