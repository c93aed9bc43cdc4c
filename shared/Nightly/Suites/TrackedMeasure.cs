namespace Pipeline.Nightly.Suites;

/// <summary>A measure followed night after night: one run of one job.</summary>
/// <param name="Job">The suite job's name.</param>
/// <param name="Run">The run name inside the job (<c>bm25</c>, <c>rerank</c>, …).</param>
/// <param name="Measure">The metric id as <c>metrics.json</c> names it (<c>ndcg_cut_10</c>, <c>recip_rank</c>, <c>map</c>).</param>
public sealed record TrackedMeasure(string Job, string Run, string Measure)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Job}/{Run}/{Measure}";
}
