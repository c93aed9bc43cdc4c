using Pipeline.Core.Jobs;

namespace Pipeline.Nightly;

/// <summary>One job of a night's plan.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Job">The job's name in the suite.</param>
/// <param name="Spec">The spec run tonight, under its dated id.</param>
public sealed record PlannedJob(string Suite, string Job, JobSpec Spec)
{
    /// <summary>The dated job id.</summary>
    public string JobId => Spec.JobId;
}
