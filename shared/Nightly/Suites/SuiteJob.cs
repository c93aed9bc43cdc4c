using Pipeline.Core.Jobs;

namespace Pipeline.Nightly.Suites;

/// <summary>One job of a suite.</summary>
/// <param name="Name">The job's name in the suite (part of its dated id and history path).</param>
/// <param name="Template">The validated spec; its job id is a placeholder that <see cref="NightlyIds.JobId"/> replaces each night.</param>
public sealed record SuiteJob(string Name, JobSpec Template)
{
    /// <summary>The spec run on <paramref name="date"/> for suite <paramref name="suite"/>: the template under its dated id.</summary>
    public JobSpec ForNight(string suite, DateOnly date) => Template with { JobId = NightlyIds.JobId(suite, Name, date) };
}
