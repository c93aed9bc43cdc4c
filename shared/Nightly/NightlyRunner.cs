using System.Text.Json;
using Pipeline.Core.Tasks;
using Pipeline.Nightly.Detection;
using Pipeline.Nightly.History;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Queues;

namespace Pipeline.Nightly;

/// <summary>
/// One night, start to finish: claims the date (create-only <c>nightly/{date}/claim.json</c>, so a second trigger
/// for the same date starts nothing), runs every job of every suite under its dated id, records the tracked measures
/// in the history, compares them with the previous night and the rolling baseline, and writes the summaries
/// (<c>summary.md</c>, <c>summary.html</c>, then <c>summary.json</c>, whose presence marks the night done). The
/// entry point of both <c>pipeline nightly</c> and the <c>NightlyEvaluation</c> timer function.
/// </summary>
public sealed class NightlyRunner
{
    private readonly StageEnvironment _environment;
    private readonly IMessageQueueProvider? _queues;
    private readonly NightlyOptions _options;
    private readonly IBlobStore _store;
    private readonly HistoryStore _history;

    /// <summary>
    /// A runner over <paramref name="environment"/> (the job store, which also holds history and summaries, and the
    /// inputs). Jobs run through <paramref name="queues"/>: in-memory queues in this process when null, or the
    /// app's queues (then this process joins the other workers).
    /// </summary>
    public NightlyRunner(StageEnvironment environment, NightlyOptions? options = null, IMessageQueueProvider? queues = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _options = options ?? new NightlyOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.TrendNights, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.TrendNights, 365);
        _queues = queues;
        _store = environment.Files.Store;
        _history = new HistoryStore(_store);
    }

    /// <summary>Raised before a job starts, with its dated id.</summary>
    public event Action<string>? JobStarting;

    /// <summary>Raised when a job has ended.</summary>
    public event Action<JobOutcome>? JobEnded;

    /// <summary>The night of <paramref name="time"/>'s current UTC date.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Runs the night of <paramref name="date"/> (today in UTC by the environment's clock when null) for the suites
    /// in <paramref name="suites"/>. Suites are read and checked before the date is claimed: an invalid suite claims
    /// nothing. A run that stops before its summary (an exception, cancellation) releases its claim, so the next
    /// trigger runs the night again and its jobs resume where they stopped.
    /// </summary>
    /// <exception cref="SuiteException">A suite is invalid; nothing was claimed or run.</exception>
    public async Task<NightlyResult> RunAsync(SuiteSource suites, DateOnly? date = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var night = date ?? Today(_environment.Time);
        var dateText = NightlyIds.Date(night);
        var loaded = await suites.LoadAsync(cancellationToken).ConfigureAwait(false);
        await _store.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);

        var claim = await _store.UploadAsync(NightlyLayout.Claim(night), new MemoryStream(ClaimJson(night, loaded)), BlobWriteCondition.CreateOnly,
            cancellationToken).ConfigureAwait(false);
        if (!claim.Written)
        {
            var existing = await ReadAsync(NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false);
            var state = existing is null ? "in progress" : "done";
            NightlyLog.AlreadyClaimed(_environment.Logger, dateText, state);
            return existing is null
                ? new NightlyResult(night, NightlyOutcome.InProgress, null, null, null)
                : new NightlyResult(night, NightlyOutcome.AlreadyDone, ParseStatus(existing), existing, null);
        }
        var jobCount = loaded.Sum(s => s.Jobs.Count);
        NightlyLog.Claimed(_environment.Logger, dateText, loaded.Count, jobCount);
        var finished = false;
        try
        {
            var summary = await RunClaimedAsync(loaded, night, cancellationToken).ConfigureAwait(false);
            var json = SummaryJsonWriter.Write(summary);
            await UploadAsync(NightlyLayout.SummaryMarkdown(night), System.Text.Encoding.UTF8.GetBytes(SummaryMarkdownWriter.Write(summary)), cancellationToken).ConfigureAwait(false);
            await UploadAsync(NightlyLayout.SummaryHtml(night), System.Text.Encoding.UTF8.GetBytes(SummaryHtmlWriter.Write(summary)), cancellationToken).ConfigureAwait(false);
            await UploadAsync(NightlyLayout.SummaryJson(night), json, cancellationToken).ConfigureAwait(false);
            finished = true;
            var status = NightlySummary.Spell(summary.Status);
            var regressions = summary.Results.Count(r => r.Kind == ChangeKind.Regression);
            var improvements = summary.Results.Count(r => r.Kind == ChangeKind.Improvement);
            var failed = summary.Jobs.Count(j => !j.Completed);
            NightlyLog.Finished(_environment.Logger, dateText, status, regressions, improvements, failed);
            return new NightlyResult(night, NightlyOutcome.Ran, summary.Status, json, summary);
        }
        finally
        {
            if (!finished)
            {
                NightlyLog.Released(_environment.Logger, dateText, cancellationToken.IsCancellationRequested ? "cancelled" : "error");
                await _store.DeleteAsync(NightlyLayout.Claim(night), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<NightlySummary> RunClaimedAsync(IReadOnlyList<NightlySuite> suites, DateOnly night, CancellationToken cancellationToken)
    {
        var jobs = new List<JobOutcome>();
        var results = new List<TrackedResult>();
        var dispatcher = new StageDispatcher(_environment);
        foreach (var suite in suites)
        {
            foreach (var job in suite.Jobs)
            {
                jobs.Add(await RunJobAsync(dispatcher, suite, job, night, cancellationToken).ConfigureAwait(false));
            }
            foreach (var tracked in suite.Track)
            {
                results.Add(await DetectAsync(suite, tracked, night, cancellationToken).ConfigureAwait(false));
            }
        }
        return new NightlySummary(night, _environment.Time.GetUtcNow(), suites, jobs, results);
    }

    private async Task<JobOutcome> RunJobAsync(StageDispatcher dispatcher, NightlySuite suite, SuiteJob job, DateOnly night, CancellationToken cancellationToken)
    {
        var spec = job.ForNight(suite.Name, night);
        JobStarting?.Invoke(spec.JobId);
        JobOutcome outcome;
        try
        {
            var runner = new JobRunner(dispatcher, _queues ?? new InMemoryQueueBroker(), _options.Workers);
            var status = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            if (status.State != JobState.Completed)
            {
                outcome = new JobOutcome(suite.Name, job.Name, spec.JobId, false, status.Error ?? $"ended {status.State}");
            }
            else
            {
                var metrics = await _environment.Files.ReadTextAsync(new JobLayout(spec.JobId).Metrics, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{spec.JobId} completed without metrics.json");
                await _history.WriteAsync(HistoryStore.FromMetrics(metrics, suite.Name, job.Name, night, spec.JobId, suite.Track), cancellationToken).ConfigureAwait(false);
                outcome = new JobOutcome(suite.Name, job.Name, spec.JobId, true, null);
            }
        }
        catch (Exception e) when (e is StageInputException or JobConflictException or InvalidDataException)
        {
            outcome = new JobOutcome(suite.Name, job.Name, spec.JobId, false, e.Message);
        }
        var ended = outcome.Completed ? "completed" : "failed: " + outcome.Error;
        var nightText = NightlyIds.Date(night);
        NightlyLog.JobEnded(_environment.Logger, nightText, spec.JobId, ended);
        JobEnded?.Invoke(outcome);
        return outcome;
    }

    private async Task<TrackedResult> DetectAsync(NightlySuite suite, TrackedMeasure tracked, DateOnly night, CancellationToken cancellationToken)
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
        if (recorded.Count == 0 || recorded[^1].Date != night)
        {
            // The job failed tonight (or its record is missing): nothing to judge.
            return new TrackedResult(suite.Name, tracked, null, 0, null, null, ChangeKind.Stable, trend);
        }
        var tonight = recorded[^1].Values;
        var earlier = recorded.Take(recorded.Count - 1).ToList();
        var previous = ChangeDetector.Compare(tonight, earlier.TakeLast(1).ToList(), suite.Thresholds);
        var rolling = ChangeDetector.Compare(tonight, earlier.TakeLast(suite.Thresholds.RollingNights).ToList(), suite.Thresholds);
        return new TrackedResult(suite.Name, tracked, tonight.Mean, tonight.PerQuery.Count, previous, rolling, ChangeDetector.Combine(previous, rolling), trend);
    }

    private async Task UploadAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        await _store.UploadAsync(name, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!await _store.ExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        using var stream = await _store.OpenReadAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static NightlyStatus ParseStatus(byte[] summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        return document.RootElement.GetProperty("status").GetString() switch
        {
            "regression" => NightlyStatus.Regression,
            "failed" => NightlyStatus.Failed,
            _ => NightlyStatus.Ok,
        };
    }

    private byte[] ClaimJson(DateOnly night, IReadOnlyList<NightlySuite> suites)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("date", NightlyIds.Date(night));
            json.WriteString("claimedAt", _environment.Time.GetUtcNow().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("suites");
            foreach (var suite in suites)
            {
                json.WriteStringValue(suite.Name);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
