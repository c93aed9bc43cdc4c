using Pipeline.Core.Jobs;
using Pipeline.Stages.Coordination;

namespace Pipeline.Stages;

/// <summary>How a job ended, as <see cref="IJobEndHandler"/> is told.</summary>
/// <param name="Spec">The job's spec (from its <c>job.json</c>).</param>
/// <param name="State"><see cref="JobState.Completed"/> or <see cref="JobState.Failed"/>.</param>
/// <param name="Error">Why it failed (the reason recorded first); null when it completed.</param>
public sealed record JobEnd(JobSpec Spec, JobState State, string? Error);
