namespace Pipeline.Nightly.Reports;

/// <summary>How one job of the night ended.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Job">The suite job.</param>
/// <param name="JobId">The dated job id (its folder in the job store).</param>
/// <param name="Completed">Whether it completed.</param>
/// <param name="Error">Why it failed; null when it completed.</param>
public sealed record JobOutcome(string Suite, string Job, string JobId, bool Completed, string? Error);
