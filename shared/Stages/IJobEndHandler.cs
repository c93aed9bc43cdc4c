namespace Pipeline.Stages;

/// <summary>
/// Told when a job has ended, by the stage pipeline itself: the host that runs the task which completed or failed the
/// job runs the handler too, before it acknowledges the message. Wired through
/// <see cref="Environment.StageEnvironment.JobEndHandler"/> (the nightly evaluations record a night's jobs this way).
/// </summary>
/// <remarks>
/// Delivery is at least once: every delivery of a job's aggregate task calls it (Completed), and so does the task that
/// failed the job and every later task of the job that is dropped (Failed). A handler must therefore be idempotent. An
/// exception from it propagates to the host, which delivers the message again, so the handler is called again.
/// </remarks>
public interface IJobEndHandler
{
    /// <summary>The job of <paramref name="ending"/> has ended (its final state is already stored).</summary>
    Task JobEndedAsync(JobEnd ending, CancellationToken cancellationToken);
}
