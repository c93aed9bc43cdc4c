namespace Pipeline.Nightly.History;

/// <summary>
/// One night of one suite job: for each tracked (run, measure), the mean and the per-query values, as the job's
/// <c>metrics.json</c> holds them. Stored at <c>history/{suite}/{job}/{yyyy-MM-dd}.json</c>.
/// </summary>
/// <param name="Suite">The suite.</param>
/// <param name="Job">The suite job.</param>
/// <param name="Date">The night.</param>
/// <param name="JobId">The dated job id whose results these are.</param>
/// <param name="Measures">One entry per tracked (run, measure) of the job.</param>
public sealed record HistoryRecord(string Suite, string Job, DateOnly Date, string JobId, IReadOnlyList<HistoryMeasure> Measures)
{
    /// <summary>The entry for (<paramref name="run"/>, <paramref name="measure"/>), or null.</summary>
    public HistoryMeasure? Find(string run, string measure) => Measures.FirstOrDefault(m => m.Run == run && m.Measure == measure);
}
