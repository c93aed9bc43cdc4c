using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;

namespace Pipeline.Stages.Running;

/// <summary>The outcome of submitting a job.</summary>
/// <param name="Resumed">True when the job existed (same spec): finished tasks are kept and skipped.</param>
/// <param name="Pending">The tasks to enqueue now; empty when the job is already complete.</param>
/// <param name="Status">The job's status after submission.</param>
public sealed record SubmitResult(bool Resumed, IReadOnlyList<StageTask> Pending, JobStatus Status);
