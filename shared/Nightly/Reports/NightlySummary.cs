using Pipeline.Nightly.Detection;
using Pipeline.Nightly.Suites;

namespace Pipeline.Nightly.Reports;

/// <summary>Everything the morning reports show about one night.</summary>
/// <param name="Date">The night.</param>
/// <param name="GeneratedAt">When the summary was written.</param>
/// <param name="Suites">The suites run (for thresholds).</param>
/// <param name="Jobs">Every job, in suite and file order.</param>
/// <param name="Results">Every tracked measure, in suite and file order.</param>
public sealed record NightlySummary(DateOnly Date, DateTimeOffset GeneratedAt, IReadOnlyList<NightlySuite> Suites, IReadOnlyList<JobOutcome> Jobs,
    IReadOnlyList<TrackedResult> Results)
{
    /// <summary>Failed when a job failed; else regression when a tracked measure regressed; else ok.</summary>
    public NightlyStatus Status =>
        Jobs.Any(j => !j.Completed) ? NightlyStatus.Failed
        : Results.Any(r => r.Kind == ChangeKind.Regression) ? NightlyStatus.Regression
        : NightlyStatus.Ok;

    /// <summary>The status as reports spell it: <c>ok</c>, <c>regression</c>, <c>failed</c>.</summary>
    public static string Spell(NightlyStatus status) => status switch
    {
        NightlyStatus.Regression => "regression",
        NightlyStatus.Failed => "failed",
        _ => "ok",
    };

    /// <summary>A change as reports spell it: <c>stable</c>, <c>regression</c>, <c>improvement</c>.</summary>
    public static string Spell(ChangeKind kind) => kind switch
    {
        ChangeKind.Regression => "regression",
        ChangeKind.Improvement => "improvement",
        _ => "stable",
    };
}
