using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Environment;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Coordination;

/// <summary>
/// Computes a job's status from its markers and writes <c>status.json</c> (ETag-guarded; a terminal status is never
/// replaced by a non-terminal one).
/// </summary>
public sealed class StatusBoard
{
    private readonly StageEnvironment _environment;

    /// <summary>A board over <paramref name="environment"/>'s store.</summary>
    public StatusBoard(StageEnvironment environment) => _environment = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>The status of <paramref name="spec"/>'s job, computed now from its markers.</summary>
    public async Task<JobStatus> ComputeAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = new JobLayout(spec.JobId);
        var ledger = _environment.Ledger;
        var facts = await _environment.Planner.FactsAsync(layout, cancellationToken).ConfigureAwait(false);
        var totals = JobPlanner.TaskCounts(spec, facts);
        var stages = new List<StageProgress>();
        foreach (var stage in StageNames.All)
        {
            if (totals[stage] == 0)
            {
                continue;
            }
            var records = await ledger.DoneAsync(layout, stage, cancellationToken).ConfigureAwait(false);
            stages.Add(new StageProgress(stage, records.Count, totals[stage], records.Sum(r => r.Seconds),
                records.Count == 0 ? null : records.Min(r => r.StartedAt),
                records.Count == 0 ? null : records.Max(r => r.StartedAt + TimeSpan.FromSeconds(r.Seconds))));
        }
        var error = await ledger.FailureAsync(layout, cancellationToken).ConfigureAwait(false);
        var aggregate = stages.First(s => s.Stage == Stage.Aggregate);
        var state = error is not null ? JobState.Failed
            : aggregate.Done > 0 ? JobState.Completed
            : stages.Any(s => s.Done > 0) ? JobState.Running : JobState.Queued;
        return new JobStatus(spec.JobId, state, _environment.Time.GetUtcNow(), error, stages);
    }

    /// <summary>Computes and writes the status; returns it. Never throws for a lost race (the other writer's status stands).</summary>
    public async Task<JobStatus> WriteAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = new JobLayout(spec.JobId);
        for (var attempt = 0; ; attempt++)
        {
            var status = await ComputeAsync(spec, cancellationToken).ConfigureAwait(false);
            var current = await _environment.Files.ReadBytesAsync(layout.Status, cancellationToken).ConfigureAwait(false);
            BlobWriteCondition condition;
            if (current is { } existing)
            {
                if (!status.IsTerminal && JobStatus.Parse(existing.Content).IsTerminal)
                {
                    return JobStatus.Parse(existing.Content);
                }
                condition = BlobWriteCondition.IfMatches(existing.ETag);
            }
            else
            {
                condition = BlobWriteCondition.CreateOnly;
            }
            var result = await _environment.Files.UploadBytesAsync(layout.Status, status.ToJson(), condition, cancellationToken).ConfigureAwait(false);
            if (result.Written || attempt >= 4)
            {
                return status;
            }
        }
    }
}
