using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Tasks;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Tests.Support;
using Pipeline.Stages.Tests.Support;
using Pipeline.Stages;

namespace Pipeline.Nightly.Tests;

/// <summary>
/// A night started on queues and finished by the stage pipeline: what the start enqueues, what repeated triggers do, and
/// exactly one summary under duplicated messages, jobs ending together, a claimant lost after its claim and a start that
/// died half way.
/// </summary>
public sealed class NightlyQueueTests(QueuedNightFixture night) : IClassFixture<QueuedNightFixture>
{
    private static readonly DateOnly Night = QueuedNightFixture.Night;
    private static readonly string[] JobIds = ["nightly-cran-bm25-20260401", "nightly-cran-bm25-b03-20260401"];

    [Fact]
    public void The_start_puts_each_job_s_first_task_on_the_queues_and_runs_none_of_them()
    {
        Assert.Equal(NightlyStartOutcome.Started, night.Start.Outcome);
        Assert.Equal(Night, night.Start.Date);
        Assert.Equal(JobIds, night.Start.Queued);
        Assert.Empty(night.Start.Ended);
        Assert.Null(night.Start.SummaryJson);
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["prepare-job"] = 2 }, night.QueuesAfterStart);
        Assert.Equal(JobIds.Select(id => new StageTask(id, Stage.Prepare)), night.PreparesAfterStart);
        Assert.Equal(0, night.MarkersAfterStart);
        Assert.False(night.SummaryAfterStart);
    }

    [Fact]
    public void The_plan_holds_the_suite_and_each_dated_job_with_its_spec()
    {
        var plan = NightlyPlan.Parse(File.ReadAllBytes(night.Harness.StorePath(NightlyLayout.Plan(Night))), "plan.json");
        Assert.Equal(Night, plan.Date);
        Assert.Equal(JobIds, plan.Jobs.Select(j => j.JobId));
        Assert.Equal(["bm25", "bm25-b03"], plan.Jobs.Select(j => j.Job));
        Assert.Equal(0.3, plan.Jobs[1].Spec.FirstStage.Bm25!.B);
        Assert.Equal(["bm25/bm25/ndcg_cut_10", "bm25-b03/bm25/ndcg_cut_10", "bm25/bm25/map"], plan.Suites.Single().Track.Select(t => t.ToString()));
        // Each job's stored spec is the plan's.
        foreach (var job in plan.Jobs)
        {
            Assert.Equal(Pipeline.Core.Jobs.JobSpecWriter.ToJson(job.Spec), File.ReadAllBytes(night.Harness.StorePath($"{job.JobId}/job.json")));
        }
        Assert.Equal(plan.ToJson(), File.ReadAllBytes(night.Harness.StorePath(NightlyLayout.Plan(Night))));
    }

    [Fact]
    public void Triggers_while_the_jobs_wait_on_the_queues_enqueue_nothing()
    {
        Assert.Equal(NightlyStartOutcome.InProgress, night.SameTimerAgain.Outcome);
        Assert.Empty(night.SameTimerAgain.Queued);
        Assert.Equal(NightlyStartOutcome.InProgress, night.ByHandMeanwhile.Outcome);
        Assert.Empty(night.ByHandMeanwhile.Queued);
        Assert.Equal(night.QueuesAfterStart, night.QueuesAfterRetriggers);
    }

    [Fact]
    public void Workers_drain_the_queues_and_the_last_job_to_end_writes_one_summary_with_history_for_every_job()
    {
        var store = night.Harness.Store;
        Assert.Equal(1, store.Writes(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(1, store.Writes(NightlyLayout.SummaryMarkdown(Night)));
        Assert.Equal(1, store.Writes(NightlyLayout.SummaryHtml(Night)));
        Assert.Equal(1, store.Writes(NightlyLayout.Finish(Night)));
        Assert.Contains(FinishClaimant(night.Harness), JobIds);
        foreach (var (job, jobId) in new[] { ("bm25", JobIds[0]), ("bm25-b03", JobIds[1]) })
        {
            Assert.Equal(1, store.Writes(NightlyLayout.History("cran", job, Night)));
            Assert.Equal(1, store.Writes(NightlyLayout.Outcome(Night, jobId)));
            using var history = JsonDocument.Parse(File.ReadAllBytes(night.Harness.StorePath(NightlyLayout.History("cran", job, Night))));
            Assert.Equal(jobId, history.RootElement.GetProperty("jobId").GetString());
            var outcome = JobOutcome.Parse(File.ReadAllBytes(night.Harness.StorePath(NightlyLayout.Outcome(Night, jobId))), jobId);
            Assert.Equal(new JobOutcome("cran", job, jobId, true, null), outcome);
        }
        var summary = File.ReadAllBytes(night.Harness.StorePath(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(NightlyStatus.Ok, SummaryJsonReader.Status(summary));
        using var json = JsonDocument.Parse(summary);
        Assert.Equal(JobIds, json.RootElement.GetProperty("suites")[0].GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        Assert.All(json.RootElement.GetProperty("suites")[0].GetProperty("jobs").EnumerateArray(), j => Assert.Equal("completed", j.GetProperty("state").GetString()));
        // Tonight's values are the jobs' own metrics.
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(night.Harness.StorePath($"{JobIds[1]}/metrics.json")));
        var expected = metrics.RootElement.GetProperty("runs").GetProperty("bm25").GetProperty("all").GetProperty("ndcg_cut_10").GetDouble();
        Assert.Equal(expected, SummaryJsonReader.TrackedMeasures(summary).Single(t => t.Job == "bm25-b03").Tonight);
    }

    [Fact]
    public void A_trigger_after_the_summary_enqueues_nothing_and_answers_its_status()
    {
        Assert.Equal(NightlyStartOutcome.AlreadyDone, night.AfterSummary.Outcome);
        Assert.Equal(NightlyStatus.Ok, night.AfterSummary.Status);
        Assert.Empty(night.AfterSummary.Queued);
        Assert.Empty(night.QueuesAfterLastTrigger);
        Assert.Equal(1, night.Harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
    }

    [Fact]
    public async Task Every_message_delivered_twice_with_both_jobs_ending_together_writes_one_summary_and_the_same_history()
    {
        using var harness = new NightHarness(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        var queues = new DuplicatingQueues(harness.Broker);
        var starter = new NightlyStarter(harness.Environment);
        // The first report of each job's end waits for the other job's, so both run the finishing step at the same moment.
        var together = new Together(starter.Finisher, JobIds.Length);
        harness.Environment.JobEndHandler = together;
        var completions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        var start = await starter.StartAsync(harness.Suites, Night, queues, "NightlyEvaluation");
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["prepare-job"] = 4 }, harness.QueueCounts());
        await harness.DrainAsync(Night, parallel: 4, queues, (task, outcome) =>
        {
            if (outcome.Kind == StageOutcomeKind.JobCompleted)
            {
                completions.AddOrUpdate(task.JobId, 1, (_, n) => n + 1);
            }
        });

        Assert.Equal(NightlyStartOutcome.Started, start.Outcome);
        Assert.True(together.Released);
        // Each job's final message came at least twice (duplicates of earlier tasks may add copies), and every delivery ended the job.
        Assert.Equal(JobIds, completions.Keys.Order(StringComparer.Ordinal));
        Assert.All(completions.Values, deliveries => Assert.True(deliveries >= 2, $"{deliveries} deliveries"));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Finish(Night)));
        // A copy of the claimant's message running at the same moment may rewrite the Markdown and HTML, with the same bytes:
        // both are stamped with the claim's time, as summary.json is.
        using (var summary = JsonDocument.Parse(File.ReadAllBytes(harness.StorePath(NightlyLayout.SummaryJson(Night)))))
        using (var claim = JsonDocument.Parse(File.ReadAllBytes(harness.StorePath(NightlyLayout.Finish(Night)))))
        {
            Assert.Equal(claim.RootElement.GetProperty("claimedAt").GetString(), summary.RootElement.GetProperty("generatedAt").GetString());
        }
        foreach (var job in new[] { "bm25", "bm25-b03" })
        {
            var name = NightlyLayout.History("cran", job, Night);
            Assert.Equal(File.ReadAllBytes(night.Harness.StorePath(name)), File.ReadAllBytes(harness.StorePath(name)));
        }
    }

    [Fact]
    public async Task A_claimant_lost_after_winning_the_summary_claim_writes_the_summary_on_its_redelivery()
    {
        using var harness = new NightHarness(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        var starter = new NightlyStarter(harness.Environment);
        var claimants = new ConcurrentQueue<string>();
        starter.Finisher.AfterFinishClaimAsync = (_, claimant, _) =>
        {
            claimants.Enqueue(claimant);
            return claimants.Count == 1 ? throw new IOException($"{claimant} lost after its claim") : Task.CompletedTask;
        };

        await starter.StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation");
        await harness.DrainAsync(Night);

        var holder = FinishClaimant(harness);
        Assert.Contains(holder, JobIds);
        Assert.Equal([holder, holder], claimants);
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Finish(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryMarkdown(Night)));
        Assert.Equal(NightlyStatus.Ok, SummaryJsonReader.Status(File.ReadAllBytes(harness.StorePath(NightlyLayout.SummaryJson(Night)))));
    }

    [Fact]
    public async Task A_start_that_died_after_its_claim_is_completed_by_the_next_firing_of_its_timer_and_the_night_ends_once()
    {
        using var harness = new NightHarness(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        var timer = new NightlyStarter(harness.Environment)
        {
            BeforeSubmitAsync = (job, _) => job.Job == "bm25-b03" ? throw new IOException("the host died") : Task.CompletedTask,
        };
        await Assert.ThrowsAsync<IOException>(() => timer.StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation"));
        Assert.True(File.Exists(harness.StorePath(NightlyLayout.Claim(Night))));
        Assert.False(File.Exists(harness.StorePath(NightlyLayout.Started(Night))));
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["prepare-job"] = 1 }, harness.QueueCounts());

        // Another trigger a minute later leaves the fresh claim alone.
        harness.Clock.Now = harness.Clock.Now.AddMinutes(1);
        var byHand = await new NightlyStarter(harness.Environment).StartAsync(harness.Suites, Night, harness.Broker, "pipeline nightly by hand");
        Assert.Equal(NightlyStartOutcome.InProgress, byHand.Outcome);
        Assert.Equal(1, harness.QueueCounts()["prepare-job"]);

        // The timer fires again (its host restarted): it completes its own start from the stored plan.
        timer.BeforeSubmitAsync = null;
        var recovered = await timer.StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation");
        Assert.Equal(NightlyStartOutcome.Recovered, recovered.Outcome);
        Assert.Equal(JobIds, recovered.Queued);
        Assert.True(File.Exists(harness.StorePath(NightlyLayout.Started(Night))));
        // The first job's task was queued before the crash too: the duplicate is absorbed by the commit protocol.
        Assert.Equal([.. JobIds.Take(1), .. JobIds], (await harness.PeekAsync("prepare-job")).Select(t => t.JobId));

        await harness.DrainAsync(Night, parallel: 1);

        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Finish(Night)));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.Plan(Night)));
        foreach (var job in new[] { "bm25", "bm25-b03" })
        {
            Assert.True(File.Exists(harness.StorePath(NightlyLayout.History("cran", job, Night))), job);
        }
        Assert.Equal(NightlyStatus.Ok, SummaryJsonReader.Status(File.ReadAllBytes(harness.StorePath(NightlyLayout.SummaryJson(Night)))));
    }

    [Fact]
    public async Task A_start_that_died_is_taken_over_by_another_trigger_only_once_its_claim_is_older_than_the_start_timeout()
    {
        using var harness = new NightHarness(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));
        var dying = new NightlyStarter(harness.Environment) { BeforeSubmitAsync = (_, _) => throw new IOException("the host died") };
        await Assert.ThrowsAsync<IOException>(() => dying.StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation"));
        Assert.Empty(harness.QueueCounts());
        var other = new NightlyStarter(harness.Environment, new NightlyOptions { StartTimeout = TimeSpan.FromMinutes(10) });

        harness.Clock.Now = harness.Clock.Now.AddMinutes(9);
        Assert.Equal(NightlyStartOutcome.InProgress, (await other.StartAsync(harness.Suites, Night, harness.Broker, "by hand")).Outcome);
        Assert.Empty(harness.QueueCounts());

        harness.Clock.Now = harness.Clock.Now.AddMinutes(2);
        var taken = await other.StartAsync(harness.Suites, Night, harness.Broker, "by hand");
        Assert.Equal(NightlyStartOutcome.Recovered, taken.Outcome);
        Assert.Equal(JobIds, taken.Queued);
        Assert.Equal(JobIds.Select(id => new StageTask(id, Stage.Prepare)), await harness.PeekAsync("prepare-job"));
        using (var claim = JsonDocument.Parse(File.ReadAllBytes(harness.StorePath(NightlyLayout.Claim(Night)))))
        {
            Assert.Equal("by hand", claim.RootElement.GetProperty("claimant").GetString());
            Assert.Equal("2026-04-01T02:11:00Z", claim.RootElement.GetProperty("claimedAt").GetString());
        }

        // The dead start's own timer now finds the night started: nothing more is queued.
        Assert.Equal(NightlyStartOutcome.InProgress, (await dying.StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation")).Outcome);
        Assert.Equal(2, harness.QueueCounts()["prepare-job"]);
    }

    [Fact]
    public async Task A_job_that_fails_and_one_refused_at_submission_end_the_night_failed_with_their_reasons()
    {
        var extra = $$"""
            ,
            { "name": "strict", "job": {{SampleSuite.Bm25Job("", onBadRecord: "fail")}} },
            { "name": "unjudged", "job": {{SampleSuite.Bm25Job("", qrels: "cranfield/missing-qrels.txt")}} }
            """;
        using var harness = new NightHarness(SampleSuite.TwoJobs(extra), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));

        var start = await new NightlyStarter(harness.Environment).StartAsync(harness.Suites, Night, harness.Broker, "NightlyEvaluation");
        await harness.DrainAsync(Night);

        Assert.Equal([.. JobIds, "nightly-cran-strict-20260401"], start.Queued);
        var refused = Assert.Single(start.Ended);
        Assert.Equal("nightly-cran-unjudged-20260401", refused.JobId);
        Assert.StartsWith("$.qrels.location: ", refused.Error, StringComparison.Ordinal);
        var summary = File.ReadAllBytes(harness.StorePath(NightlyLayout.SummaryJson(Night)));
        Assert.Equal(NightlyStatus.Failed, SummaryJsonReader.Status(summary));
        Assert.Equal(1, harness.Store.Writes(NightlyLayout.SummaryJson(Night)));
        using var json = JsonDocument.Parse(summary);
        var jobs = json.RootElement.GetProperty("suites")[0].GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("job").GetString()!);
        Assert.Equal(["bm25", "bm25-b03", "strict", "unjudged"], jobs.Keys);
        Assert.Equal("completed", jobs["bm25"].GetProperty("state").GetString());
        Assert.Equal("failed", jobs["strict"].GetProperty("state").GetString());
        var strictError = jobs["strict"].GetProperty("error").GetString()!;
        Assert.StartsWith("SplitCorpus job: ", strictError, StringComparison.Ordinal);
        using (var failed = JsonDocument.Parse(File.ReadAllBytes(harness.StorePath("nightly-cran-strict-20260401/work/failed.json"))))
        {
            Assert.Equal(failed.RootElement.GetProperty("error").GetString(), strictError);
        }
        Assert.Equal(refused.Error, jobs["unjudged"].GetProperty("error").GetString());
        var tracked = SummaryJsonReader.TrackedMeasures(summary);
        Assert.Equal(["stable", "stable", "unknown", "unknown", "stable"], tracked.Select(t => t.Change));
        Assert.Null(tracked.Single(t => t.Job == "strict").Tonight);
        Assert.False(File.Exists(harness.StorePath(NightlyLayout.History("cran", "strict", Night))));
        Assert.False(Directory.Exists(harness.StorePath("nightly-cran-unjudged-20260401")));
        var markdown = Encoding.UTF8.GetString(File.ReadAllBytes(harness.StorePath(NightlyLayout.SummaryMarkdown(Night))));
        Assert.StartsWith("# Nightly evaluation 2026-04-01: failed\n", markdown, StringComparison.Ordinal);
    }

    private static string FinishClaimant(NightHarness harness)
    {
        using var claim = JsonDocument.Parse(File.ReadAllBytes(harness.StorePath(NightlyLayout.Finish(Night))));
        return claim.RootElement.GetProperty("claimant").GetString()!;
    }

    /// <summary>Hands every job end to the finisher; the first end of each job waits until every job has ended once.</summary>
    private sealed class Together(IJobEndHandler finisher, int jobs) : IJobEndHandler
    {
        private readonly ConcurrentDictionary<string, bool> _arrived = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Released => _all.Task.IsCompletedSuccessfully;

        public async Task JobEndedAsync(JobEnd ending, CancellationToken cancellationToken)
        {
            if (_arrived.TryAdd(ending.Spec.JobId, true))
            {
                if (_arrived.Count == jobs)
                {
                    _all.TrySetResult();
                }
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }
            await finisher.JobEndedAsync(ending, cancellationToken);
        }
    }
}
