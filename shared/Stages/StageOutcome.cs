using Pipeline.Core.Tasks;

namespace Pipeline.Stages;

/// <summary>What handling a task came to, for the host: the tasks to enqueue, and whether the job has ended.</summary>
/// <param name="Next">Tasks to enqueue (each to its stage's queue); empty when this task advanced nothing.</param>
/// <param name="Kind">How it went.</param>
/// <param name="Error">Why the job failed or the task was refused; null otherwise.</param>
public sealed record StageOutcome(IReadOnlyList<StageTask> Next, StageOutcomeKind Kind, string? Error = null)
{
    /// <summary>Whether the job reached its end with this task (completed or failed).</summary>
    public bool JobEnded => Kind is StageOutcomeKind.JobCompleted or StageOutcomeKind.JobFailed;
}
