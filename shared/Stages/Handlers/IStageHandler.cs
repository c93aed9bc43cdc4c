using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// The work of one stage for one task: read committed inputs, write this task's outputs at their deterministic blob
/// names (overwriting identical bytes when repeated). Committing and advancing is the dispatcher's business.
/// Throws <see cref="StageInputException"/> for a permanent failure; anything else is retried.
/// </summary>
internal interface IStageHandler
{
    /// <summary>Does the work of <paramref name="task"/>.</summary>
    Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken);
}
