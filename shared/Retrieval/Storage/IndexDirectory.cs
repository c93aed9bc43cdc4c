using Pipeline.Retrieval.Bm25;

namespace Pipeline.Retrieval.Storage;

/// <summary>
/// A directory holding a sharded BM25 index: <c>shard-00000.bm25</c> … and <c>statistics.bm25</c>.
/// </summary>
public static class IndexDirectory
{
    /// <summary>Writes every shard and the merged statistics into <paramref name="directory"/> (created if needed).</summary>
    public static CollectionStatistics Write(IReadOnlyList<ShardIndex> shards, string directory)
    {
        ArgumentNullException.ThrowIfNull(shards);
        Directory.CreateDirectory(directory);
        for (var s = 0; s < shards.Count; s++)
        {
            ShardIndexFile.Write(shards[s], Path.Combine(directory, ShardIndexFile.FileName(s)));
        }
        var statistics = CollectionStatistics.Merge(shards.Select(s => s.Statistics));
        StatisticsFile.Write(statistics, shards[0].AnalyzerName, shards.Count, Path.Combine(directory, StatisticsFile.FileName));
        return statistics;
    }

    /// <summary>Opens the index in <paramref name="directory"/> for searching, checking that its files agree.</summary>
    /// <exception cref="IndexFormatException">A file missing, corrupt, of another version, or shards that disagree.</exception>
    public static Bm25Searcher Open(string directory, Bm25Parameters? parameters = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new IndexFormatException(directory, "index directory not found");
        }
        var statisticsPath = Path.Combine(directory, StatisticsFile.FileName);
        var (statistics, analyzer, shardCount) = StatisticsFile.Read(statisticsPath);
        var shards = new ShardIndex[shardCount];
        for (var s = 0; s < shardCount; s++)
        {
            var path = Path.Combine(directory, ShardIndexFile.FileName(s));
            shards[s] = ShardIndexFile.Read(path);
            if (shards[s].AnalyzerName != analyzer)
            {
                throw new IndexFormatException(path, $"shard analyzed with '{shards[s].AnalyzerName}' but the statistics with '{analyzer}'");
            }
        }
        var docs = shards.Sum(s => s.Statistics.DocCount);
        if (docs != statistics.DocCount)
        {
            throw new IndexFormatException(statisticsPath, $"statistics count {statistics.DocCount} documents but the shards hold {docs}");
        }
        return new Bm25Searcher(shards, parameters, statistics);
    }
}
