namespace Pipeline.Nightly.Suites;

/// <summary>
/// A validated nightly suite: the jobs run every night, the (run, measure) pairs tracked across nights and the
/// thresholds that make a change a regression. Read by <see cref="SuiteReader"/>.
/// </summary>
/// <param name="Name">The suite name (part of every dated job id and of the history paths).</param>
/// <param name="Source">The file or blob the suite was read from.</param>
/// <param name="Jobs">The jobs, in file order; at least one.</param>
/// <param name="Track">The tracked (job, run, measure) triples, in file order; at least one.</param>
/// <param name="Thresholds">When a change counts.</param>
public sealed record NightlySuite(string Name, string Source, IReadOnlyList<SuiteJob> Jobs, IReadOnlyList<TrackedMeasure> Track, SuiteThresholds Thresholds);
