namespace Pipeline.Reranking.Runs;

/// <summary>Where a rerank stands: reported after each chunk of queries.</summary>
/// <param name="QueriesDone">Queries scored so far.</param>
/// <param name="QueryCount">Queries to score in all.</param>
/// <param name="PairsDone">(query, document) pairs scored so far.</param>
/// <param name="Elapsed">Time since scoring started.</param>
public readonly record struct RerankProgress(int QueriesDone, int QueryCount, long PairsDone, TimeSpan Elapsed)
{
    /// <summary>Pairs per second so far; 0 before any time has passed.</summary>
    public double PairsPerSecond => Elapsed > TimeSpan.Zero ? PairsDone / Elapsed.TotalSeconds : 0;
}
