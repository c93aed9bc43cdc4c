using System.Globalization;
using System.Text.Json;
using Pipeline.Nightly.Reports;
using Pipeline.Nightly.Suites;
using Pipeline.Reporting.Formatting;
using Pipeline.Stages;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Queues;

namespace Pipeline.Nightly;

/// <summary>
/// Starts a night and returns: reads and checks the suites, claims the date (create-only <c>claim.json</c>, naming the
/// trigger), writes the plan (<c>plan.json</c>), submits every job under its dated id through the normal submission
/// path (<see cref="JobSubmitter"/>) and puts its first tasks on the given queues, then writes <c>started.json</c>. The
/// stage pipeline runs the jobs; <see cref="NightlyFinisher"/>, told by the stage pipeline when each job ends, records
/// the history and writes the summaries. The entry point of the <c>NightlyEvaluation</c> timer function and of
/// <c>pipeline nightly</c>.
/// </summary>
/// <remarks>
/// A second trigger for a claimed date enqueues nothing: it answers <see cref="NightlyStartOutcome.AlreadyDone"/> or
/// <see cref="NightlyStartOutcome.InProgress"/>. One exception, for a start that died between its claim and
/// <c>started.json</c>: when the claim names the same trigger (the timer fires again after its host restarted) or is older
/// than <see cref="NightlyOptions.StartTimeout"/>, the trigger takes the claim over (ETag-guarded, so only one does) and
/// submits, from the stored plan, every job that has not ended. A job that was already queued before the crash may then
/// get a duplicate of its pending tasks, which the stages' commit protocol absorbs (ADR 0012).
/// </remarks>
public sealed class NightlyStarter
{
    private readonly StageEnvironment _environment;
    private readonly NightlyOptions _options;
    private readonly IBlobStore _store;
    private readonly NightlyFinisher _finisher;

    /// <summary>
    /// A starter over <paramref name="environment"/> (the job store, which also holds the plans, history and summaries,
    /// and the inputs the submissions check). Wires a <see cref="NightlyFinisher"/> into the environment unless one is.
    /// </summary>
    public NightlyStarter(StageEnvironment environment, NightlyOptions? options = null)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _options = options ?? new NightlyOptions();
        _options.Validate();
        _store = environment.Files.Store;
        _finisher = NightlyFinisher.Attach(environment, _options);
    }

    /// <summary>Raised when a job's first tasks are on the queues: the job and how many tasks.</summary>
    public event Action<PlannedJob, int>? JobQueued;

    /// <summary>The finisher wired into the environment.</summary>
    public NightlyFinisher Finisher => _finisher;

    /// <summary>Called before each job is submitted (tests use it to lose the start between its claim and its end); null for none.</summary>
    public Func<PlannedJob, CancellationToken, Task>? BeforeSubmitAsync { get; set; }

    /// <summary>The night of <paramref name="time"/>'s current UTC date.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Starts the night of <paramref name="date"/> (today in UTC by the environment's clock when null) for the suites in
    /// <paramref name="suites"/>, putting the jobs' tasks on <paramref name="queues"/>; <paramref name="claimant"/> names
    /// this trigger in the claim (the same name for every firing of one timer; a unique one for a run by hand).
    /// </summary>
    /// <exception cref="SuiteException">A suite is invalid; nothing was claimed or queued.</exception>
    public async Task<NightlyStart> StartAsync(SuiteSource suites, DateOnly? date, IMessageQueueProvider queues, string claimant,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        var night = date ?? Today(_environment.Time);
        var dateText = NightlyIds.Date(night);
        var loaded = await suites.LoadAsync(cancellationToken).ConfigureAwait(false);
        await _store.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);

        var claimJson = ClaimJson(night, claimant, loaded);
        var claim = await NightlyBlobs.UploadAsync(_store, NightlyLayout.Claim(night), claimJson, BlobWriteCondition.CreateOnly, cancellationToken)
            .ConfigureAwait(false);
        var recovered = false;
        if (!claim.Written)
        {
            if (await TakeOverAsync(night, claimant, claimJson, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
            recovered = true;
        }

        var plan = recovered ? await NightlyPlan.ReadAsync(_store, night, cancellationToken).ConfigureAwait(false) : null;
        if (plan is null)
        {
            plan = NightlyPlan.For(loaded, night);
            await NightlyBlobs.UploadAsync(_store, NightlyLayout.Plan(night), plan.ToJson(), BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
        }
        NightlyLog.Claimed(_environment.Logger, dateText, recovered ? "took over an unfinished start" : "claimed", plan.Suites.Count, plan.Jobs.Count);
        await QueueWorker.CreateQueuesAsync(queues, cancellationToken).ConfigureAwait(false);
        var ended = await _finisher.OutcomesAsync(night, cancellationToken).ConfigureAwait(false);
        var queued = new List<string>();
        var refused = new List<JobOutcome>();
        var submitter = new JobSubmitter(_environment);
        foreach (var job in plan.Jobs)
        {
            if (ended.ContainsKey(job.JobId))
            {
                // Ended before this start was completed: not run again tonight.
                continue;
            }
            if (BeforeSubmitAsync is { } hook)
            {
                await hook(job, cancellationToken).ConfigureAwait(false);
            }
            SubmitResult submitted;
            try
            {
                submitted = await submitter.SubmitAsync(job.Spec, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StageInputException or JobConflictException)
            {
                refused.Add(await _finisher.RecordAsync(plan, job, false, e.Message, cancellationToken).ConfigureAwait(false));
                continue;
            }
            if (submitted.Pending.Count == 0)
            {
                // Nothing left to run (the job completed under an earlier claim of this date that was released): record it
                // here, since no stage task will.
                var completed = submitted.Status.State == JobState.Completed;
                await _finisher.RecordAsync(plan, job, completed,
                    completed ? null : submitted.Status.Error ?? $"{job.JobId} has no task left to run but did not complete", cancellationToken).ConfigureAwait(false);
                continue;
            }
            await QueueWorker.SendAsync(queues, submitted.Pending, cancellationToken).ConfigureAwait(false);
            queued.Add(job.JobId);
            NightlyLog.JobQueued(_environment.Logger, dateText, job.JobId, submitted.Pending.Count);
            JobQueued?.Invoke(job, submitted.Pending.Count);
        }
        await NightlyBlobs.UploadAsync(_store, NightlyLayout.Started(night), StartedJson(night, claimant, queued, refused), BlobWriteCondition.None,
            cancellationToken).ConfigureAwait(false);
        NightlyLog.Started(_environment.Logger, dateText, queued.Count, refused.Count);
        // Every job may have ended already (refused at submission, or finished by fast workers before the last submission).
        await _finisher.TryFinishAsync(plan, NightlyFinisher.StartClaimant, cancellationToken).ConfigureAwait(false);
        var summary = await NightlyBlobs.ReadAsync(_store, NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false);
        return new NightlyStart(night, recovered ? NightlyStartOutcome.Recovered : NightlyStartOutcome.Started, queued, refused,
            summary is null ? null : SummaryJsonReader.Status(summary), summary);
    }

    /// <summary>
    /// The answer for a date that is claimed already, or null when this trigger has taken over the claim of a start that
    /// did not finish.
    /// </summary>
    private async Task<NightlyStart?> TakeOverAsync(DateOnly night, string claimant, byte[] claimJson, CancellationToken cancellationToken)
    {
        var dateText = NightlyIds.Date(night);
        if (await DoneAsync(night, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }
        if (await _store.ExistsAsync(NightlyLayout.Started(night), cancellationToken).ConfigureAwait(false))
        {
            // Started: its jobs are on the queues. The start may itself have won the summary claim and died after it.
            if (await NightlyPlan.ReadAsync(_store, night, cancellationToken).ConfigureAwait(false) is { } plan)
            {
                await _finisher.TryFinishAsync(plan, NightlyFinisher.StartClaimant, cancellationToken).ConfigureAwait(false);
            }
            if (await DoneAsync(night, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                return finished;
            }
            NightlyLog.AlreadyClaimed(_environment.Logger, dateText, "started, no summary yet");
            return InProgress(night);
        }
        var existing = await _environment.Files.ReadBytesAsync(NightlyLayout.Claim(night), cancellationToken).ConfigureAwait(false);
        if (existing is not { } current)
        {
            // Released a moment ago by a run that stopped: the next trigger starts the night.
            NightlyLog.AlreadyClaimed(_environment.Logger, dateText, "released while this trigger looked");
            return InProgress(night);
        }
        var (holder, claimedAt) = ReadClaim(current.Content);
        var age = _environment.Time.GetUtcNow() - claimedAt;
        if (holder != claimant && age < _options.StartTimeout)
        {
            var state = $"being started by {holder} since {Numbers.IsoTimestamp(claimedAt)}";
            NightlyLog.AlreadyClaimed(_environment.Logger, dateText, state);
            return InProgress(night);
        }
        var taken = await _environment.Files.UploadBytesAsync(NightlyLayout.Claim(night), claimJson, BlobWriteCondition.IfMatches(current.ETag),
            cancellationToken).ConfigureAwait(false);
        if (!taken.Written)
        {
            NightlyLog.AlreadyClaimed(_environment.Logger, dateText, "taken over by another trigger");
            return InProgress(night);
        }
        return null;
    }

    private async Task<NightlyStart?> DoneAsync(DateOnly night, CancellationToken cancellationToken)
    {
        var summary = await NightlyBlobs.ReadAsync(_store, NightlyLayout.SummaryJson(night), cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return null;
        }
        var dateText = NightlyIds.Date(night);
        NightlyLog.AlreadyClaimed(_environment.Logger, dateText, "done");
        return new NightlyStart(night, NightlyStartOutcome.AlreadyDone, [], [], SummaryJsonReader.Status(summary), summary);
    }

    private static NightlyStart InProgress(DateOnly night) => new(night, NightlyStartOutcome.InProgress, [], [], null, null);

    private static (string Claimant, DateTimeOffset ClaimedAt) ReadClaim(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var claimant = root.TryGetProperty("claimant", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
            var at = DateTimeOffset.Parse(root.GetProperty("claimedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return (claimant, at);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Unreadable: as old as can be, so the next trigger takes it over.
            return ("", DateTimeOffset.MinValue);
        }
    }

    private byte[] ClaimJson(DateOnly night, string claimant, IReadOnlyList<NightlySuite> suites)
    {
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("date", NightlyIds.Date(night));
            json.WriteString("claimedAt", Numbers.IsoTimestamp(_environment.Time.GetUtcNow()));
            json.WriteString("claimant", claimant);
            json.WriteStartArray("suites");
            foreach (var suite in suites)
            {
                json.WriteStringValue(suite.Name);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private byte[] StartedJson(DateOnly night, string claimant, IReadOnlyList<string> queued, IReadOnlyList<JobOutcome> refused)
    {
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("date", NightlyIds.Date(night));
            json.WriteString("startedAt", Numbers.IsoTimestamp(_environment.Time.GetUtcNow()));
            json.WriteString("claimant", claimant);
            json.WriteStartArray("queued");
            foreach (var jobId in queued)
            {
                json.WriteStringValue(jobId);
            }
            json.WriteEndArray();
            json.WriteStartArray("refused");
            foreach (var outcome in refused)
            {
                json.WriteStringValue(outcome.JobId);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
