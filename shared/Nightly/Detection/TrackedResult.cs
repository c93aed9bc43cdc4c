using Pipeline.Nightly.Suites;

namespace Pipeline.Nightly.Detection;

/// <summary>The night's verdict on one tracked measure.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Tracked">The (job, run, measure).</param>
/// <param name="Tonight">Tonight's mean; null when the job failed.</param>
/// <param name="Queries">Queries with a value tonight.</param>
/// <param name="Previous">Against the previous recorded night; null on the first night or when the job failed.</param>
/// <param name="Rolling">Against the rolling baseline; null likewise.</param>
/// <param name="Kind">The verdict (<see cref="ChangeDetector.Combine"/>); stable when there was nothing to compare.</param>
/// <param name="Trend">The recorded means, oldest first, tonight included.</param>
public sealed record TrackedResult(string Suite, TrackedMeasure Tracked, double? Tonight, int Queries, BaselineComparison? Previous,
    BaselineComparison? Rolling, ChangeKind Kind, IReadOnlyList<(DateOnly Date, double Mean)> Trend);
