using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Handlers;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Running;

/// <summary>
/// Submits a job: checks it against its inputs (so bad input is reported before anything is written or queued),
/// stores its normalized spec once, and lists the tasks to enqueue. Re-submitting the same spec resumes the job
/// (a failed job is retried from where it stopped); a different spec under the same id is refused.
/// </summary>
public sealed class JobSubmitter
{
    private readonly StageEnvironment _environment;

    /// <summary>A submitter over <paramref name="environment"/>.</summary>
    public JobSubmitter(StageEnvironment environment) => _environment = environment ?? throw new ArgumentNullException(nameof(environment));

    /// <summary>Submits <paramref name="spec"/>; the caller enqueues <see cref="SubmitResult.Pending"/>.</summary>
    /// <exception cref="StageInputException">An input is missing or invalid, or a model does not load.</exception>
    /// <exception cref="JobConflictException">The job id exists with another spec.</exception>
    public async Task<SubmitResult> SubmitAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await JobPreflight.CheckAsync(spec, _environment.Inputs, cancellationToken).ConfigureAwait(false);
        var layout = new JobLayout(spec.JobId);
        var files = _environment.Files;
        await files.Store.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
        var json = JobSpecWriter.ToJson(spec);
        var written = await files.UploadBytesAsync(layout.JobSpec, json, BlobWriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        var resumed = false;
        if (!written.Written)
        {
            var stored = await files.ReadBytesAsync(layout.JobSpec, cancellationToken).ConfigureAwait(false);
            if (stored is null || !stored.Value.Content.AsSpan().SequenceEqual(json))
            {
                throw new JobConflictException(spec.JobId, layout.JobSpec);
            }
            resumed = true;
            // A failed job is retried: its committed tasks stay, the failure is cleared.
            await files.Store.DeleteAsync(layout.Failed, cancellationToken).ConfigureAwait(false);
        }
        var pending = await _environment.Planner.PendingAsync(spec, cancellationToken).ConfigureAwait(false);
        var status = await new StatusBoard(_environment).WriteAsync(spec, cancellationToken).ConfigureAwait(false);
        return new SubmitResult(resumed, pending, status);
    }
}
