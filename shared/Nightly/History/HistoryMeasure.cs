namespace Pipeline.Nightly.History;

/// <summary>One tracked (run, measure) of one night.</summary>
/// <param name="Run">The run name.</param>
/// <param name="Measure">The metric id.</param>
/// <param name="Mean">The run's value (<c>all</c> in <c>metrics.json</c>).</param>
/// <param name="PerQuery">Query id → value, in ordinal query-id order.</param>
public sealed record HistoryMeasure(string Run, string Measure, double Mean, IReadOnlyDictionary<string, double> PerQuery);
