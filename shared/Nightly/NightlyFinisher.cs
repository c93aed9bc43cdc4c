using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Tasks;
using Pipeline.Nightly.Detection;
using Pipeline.Nightly.History;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Reporting.Formatting;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly;

/// <summary>
/// The end of a night, driven by its jobs: wired as the <see cref="StageEnvironment.JobEndHandler"/> of every host that
/// runs stage tasks, it is told whenever a job ends. For a job of a night's plan it records the job's history (from its
/// <c>metrics.json</c>) and then its outcome (<c>nightly/{date}/jobs/{jobId}.json</c>); then, if every job of the plan
/// has an outcome, it claims the night's summary (create-only <c>finish.json</c> naming the claimant and the time) and —
/// the claimant only — compares the tracked measures with the previous night and the rolling baseline and writes
/// <c>summary.md</c>, <c>summary.html</c> and, last, <c>summary.json</c>.
/// </summary>
/// <remarks>
/// Exactly one summary under at-least-once delivery: each job writes its outcome before it reads the others', so of two
/// jobs ending at once the later reader sees both; the create-only claim lets one of them through; the claimant's
/// redelivered message (it died after claiming) finds its own name and finishes; every later call finds
/// <c>summary.json</c> and stops. The summaries are stamped with the claim's time, so copies of the claimant write the
/// same bytes, and <c>summary.json</c> is created create-only: written once even when two copies of the claimant's
/// message run at the same moment. History and outcomes are rewritten with identical bytes when a call repeats.
/// </remarks>
public sealed class NightlyFinisher : IJobEndHandler
{
    /// <summary>The claimant name of a start that finishes a night itself (every job ended at submission).</summary>
    public const string StartClaimant = "start";

    private readonly StageEnvironment _environment;
    private readonly NightlyOptions _options;
    private readonly IBlobStore _store;
    private readonly HistoryStore _history;

    /// <summary>A finisher over <paramref name="environment"/>'s job store, which holds the plans, history and summaries.</summary>
    public NightlyFinisher(StageEnvironment environment, NightlyOptions? options = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _options = options ?? new NightlyOptions();
        _options.Validate();
        _store = environment.Files.Store;
        _history = new HistoryStore(_store);
    }

    /// <summary>Raised when a job's outcome is recorded (once per change of its record, not per repeated call).</summary>
    public event Action<JobOutcome>? JobRecorded;

    /// <summary>Raised when this process has written a night's summaries.</summary>
    public event Action<NightlySummary>? Finished;

    /// <summary>
    /// Called after the summary claim is won or found held by the same claimant, before the summaries are written (tests
    /// use it to lose the claimant at that point); null for none.
    /// </summary>
    public Func<DateOnly, string, CancellationToken, Task>? AfterFinishClaimAsync { get; set; }

    /// <summary>
    /// Wires a finisher into <paramref name="environment"/> (as its <see cref="StageEnvironment.JobEndHandler"/>) unless one
    /// is wired already; returns the finisher that is.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another kind of handler is wired.</exception>
    public static NightlyFinisher Attach(StageEnvironment environment, NightlyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        switch (environment.JobEndHandler)
        {
            case null:
                var finisher = new NightlyFinisher(environment, options);
                environment.JobEndHandler = finisher;
                return finisher;
            case NightlyFinisher wired:
                return wired;
            default:
                throw new InvalidOperationException($"the environment's job-end handler is a {environment.JobEndHandler.GetType().Name}, not the nightly finisher");
        }
    }

    /// <inheritdoc/>
    public async Task JobEndedAsync(JobEnd ending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ending);
        var jobId = ending.Spec.JobId;
        if (!NightlyIds.TryParseNight(jobId, out var night))
        {
            return;
        }
        NightlyPlan? plan;
        try
        {
            plan = await NightlyPlan.ReadAsync(_store, night, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // Retrying cannot repair the plan; the job itself is complete (or failed) either way.
            NightlyLog.PlanUnreadable(_environment.Logger, NightlyIds.Date(night), jobId, e.Message);
            return;
        }
        if (plan?.Find(jobId) is not { } job)
        {
            return;
        }
        await RecordAsync(plan, job, ending.State == JobState.Completed, ending.Error, cancellationToken).ConfigureAwait(false);
        await TryFinishAsync(plan, jobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records how <paramref name="job"/> ended: for a completed job its history record first (a job whose metrics lack a
    /// tracked value is recorded as failed, with the reason), then its outcome. A repeated call with the same ending
    /// writes nothing.
    /// </summary>
    public async Task<JobOutcome> RecordAsync(NightlyPlan plan, PlannedJob job, bool completed, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(job);
        var name = NightlyLayout.Outcome(plan.Date, job.JobId);
        if (await ReadOutcomeAsync(name, cancellationToken).ConfigureAwait(false) is { } recorded
            && recorded.Completed == completed && (completed || recorded.Error == (error ?? "failed")))
        {
            // Recorded by an earlier call (the history, if any, was written before the outcome).
            return recorded;
        }
        JobOutcome outcome;
        if (completed)
        {
            outcome = await RecordHistoryAsync(plan, job, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = new JobOutcome(job.Suite, job.Job, job.JobId, false, error ?? "failed");
        }
        await NightlyBlobs.UploadAsync(_store, name, outcome.ToJson(), BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
        var dateText = NightlyIds.Date(plan.Date);
        var state = outcome.Completed ? "completed" : "failed: " + outcome.Error;
        NightlyLog.JobEnded(_environment.Logger, dateText, job.JobId, state);
        JobRecorded?.Invoke(outcome);
        return outcome;
    }

    private async Task<JobOutcome> RecordHistoryAsync(NightlyPlan plan, PlannedJob job, CancellationToken cancellationToken)
    {
        var suite = plan.Suites.First(s => s.Name == job.Suite);
        var metrics = await _environment.Files.ReadTextAsync(new JobLayout(job.JobId).Metrics, cancellationToken).ConfigureAwait(false);
        if (metrics is null)
        {
            return new JobOutcome(job.Suite, job.Job, job.JobId, false, $"{job.JobId} completed without metrics.json");
        }
        HistoryRecord record;
        try
        {
            record = HistoryStore.FromMetrics(metrics, job.Suite, job.Job, plan.Date, job.JobId, suite.Track);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new JobOutcome(job.Suite, job.Job, job.JobId, false, e.Message);
        }
        await _history.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        return new JobOutcome(job.Suite, job.Job, job.JobId, true, null);
    }

    /// <summary>
    /// Writes the night's summaries if every job of <paramref name="plan"/> has ended and <paramref name="claimant"/> wins
    /// (or already holds) the summary claim; the summary written, or null when this call wrote none.
    /// </summary>
    public async Task<NightlySummary?> TryFinishAsync(NightlyPlan plan, string claimant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        var night = plan.Date;
        if (await _store.ExistsAsync(NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var outcomes = await OutcomesAsync(night, cancellationToken).ConfigureAwait(false);
        if (plan.Jobs.Any(j => !outcomes.ContainsKey(j.JobId)))
        {
            return null;
        }
        var name = NightlyLayout.Finish(night);
        await NightlyBlobs.UploadAsync(_store, name, FinishClaimJson(claimant, _environment.Time.GetUtcNow()), BlobWriteCondition.CreateOnly,
            cancellationToken).ConfigureAwait(false);
        var held = await NightlyBlobs.ReadAsync(_store, name, cancellationToken).ConfigureAwait(false);
        if (held is null || ReadFinishClaim(held) is not { } holder || holder.Claimant != claimant)
        {
            return null;
        }
        if (AfterFinishClaimAsync is { } hook)
        {
            await hook(night, claimant, cancellationToken).ConfigureAwait(false);
        }
        var jobs = plan.Jobs.Select(j => outcomes[j.JobId]).ToList();
        var results = new List<TrackedResult>();
        foreach (var suite in plan.Suites)
        {
            foreach (var tracked in suite.Track)
            {
                var completed = plan.Jobs.Any(j => j.Suite == suite.Name && j.Job == tracked.Job && outcomes[j.JobId].Completed);
                results.Add(await DetectAsync(suite, tracked, night, completed, cancellationToken).ConfigureAwait(false));
            }
        }
        // Stamped with the claim's time, so that every copy of the claimant (a redelivery after a crash, or a duplicate
        // running at the same moment) writes the same bytes; summary.json, the mark of a finished night, is created once.
        var summary = new NightlySummary(night, holder.ClaimedAt, plan.Suites, jobs, results);
        await NightlyBlobs.UploadAsync(_store, NightlyLayout.SummaryMarkdown(night), Encoding.UTF8.GetBytes(SummaryMarkdownWriter.Write(summary)),
            BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
        await NightlyBlobs.UploadAsync(_store, NightlyLayout.SummaryHtml(night), Encoding.UTF8.GetBytes(SummaryHtmlWriter.Write(summary)),
            BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
        var written = await NightlyBlobs.UploadAsync(_store, NightlyLayout.SummaryJson(night), SummaryJsonWriter.Write(summary), BlobWriteCondition.CreateOnly,
            cancellationToken).ConfigureAwait(false);
        if (!written.Written)
        {
            return null;
        }
        var nightText = NightlyIds.Date(night);
        var status = NightlySummary.Spell(summary.Status);
        var regressions = results.Count(r => r.Kind == ChangeKind.Regression);
        var improvements = results.Count(r => r.Kind == ChangeKind.Improvement);
        var failed = jobs.Count(j => !j.Completed);
        NightlyLog.Finished(_environment.Logger, nightText, status, regressions, improvements, failed, claimant);
        Finished?.Invoke(summary);
        return summary;
    }

    private static byte[] FinishClaimJson(string claimant, DateTimeOffset at)
    {
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("claimant", claimant);
            json.WriteString("claimedAt", Numbers.IsoTimestamp(at));
            json.WriteEndObject();
        });
    }

    private static (string Claimant, DateTimeOffset ClaimedAt)? ReadFinishClaim(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return (root.GetProperty("claimant").GetString()!,
                DateTimeOffset.ParseExact(root.GetProperty("claimedAt").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The recorded outcomes of the night's ended jobs, by job id.</summary>
    public async Task<Dictionary<string, JobOutcome>> OutcomesAsync(DateOnly night, CancellationToken cancellationToken = default)
    {
        var folder = NightlyLayout.Outcomes(night);
        var outcomes = new Dictionary<string, JobOutcome>(StringComparer.Ordinal);
        var names = new List<string>();
        await foreach (var blob in _store.ListAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }
        foreach (var name in names)
        {
            if (await ReadOutcomeAsync(name, cancellationToken).ConfigureAwait(false) is { } outcome)
            {
                outcomes[outcome.JobId] = outcome;
            }
        }
        return outcomes;
    }

    private async Task<JobOutcome?> ReadOutcomeAsync(string name, CancellationToken cancellationToken)
    {
        var bytes = await NightlyBlobs.ReadAsync(_store, name, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : JobOutcome.Parse(bytes, name);
    }

    private async Task<TrackedResult> DetectAsync(NightlySuite suite, TrackedMeasure tracked, DateOnly night, bool completed, CancellationToken cancellationToken)
    {
        var dates = await _history.DatesAsync(suite.Name, tracked.Job, cancellationToken).ConfigureAwait(false);
        var recorded = new List<(DateOnly Date, HistoryMeasure Values)>();
        foreach (var date in dates.Where(d => d <= night).TakeLast(Math.Max(_options.TrendNights, suite.Thresholds.RollingNights + 1)))
        {
            var record = await _history.ReadAsync(suite.Name, tracked.Job, date, cancellationToken).ConfigureAwait(false);
            if (record?.Find(tracked.Run, tracked.Measure) is { } values)
            {
                recorded.Add((date, values));
            }
        }
        var trend = recorded.TakeLast(_options.TrendNights).Select(r => (r.Date, r.Values.Mean)).ToList();
        if (!completed || recorded.Count == 0 || recorded[^1].Date != night)
        {
            // The job failed tonight (or its record is missing): nothing to judge.
            trend = [.. trend.Where(t => t.Date != night)];
            return new TrackedResult(suite.Name, tracked, null, 0, null, null, ChangeKind.Stable, trend);
        }
        var tonight = recorded[^1].Values;
        var earlier = recorded.Take(recorded.Count - 1).ToList();
        var previous = ChangeDetector.Compare(tonight, earlier.TakeLast(1).ToList(), suite.Thresholds);
        var rolling = ChangeDetector.Compare(tonight, earlier.TakeLast(suite.Thresholds.RollingNights).ToList(), suite.Thresholds);
        return new TrackedResult(suite.Name, tracked, tonight.Mean, tonight.PerQuery.Count, previous, rolling, ChangeDetector.Combine(previous, rolling), trend);
    }
}
