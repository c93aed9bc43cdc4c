namespace Pipeline.Retrieval.Storage;

/// <summary>
/// The merged statistics of all shards as one file (format version 1): magic <c>PLBM25ST</c>, version, analyzer
/// name, shard count, N, total length, then each term (ordinal order) with its document frequency; SHA-256 trailer.
/// </summary>
public static class StatisticsFile
{
    /// <summary>The conventional file name, <c>statistics.bm25</c>.</summary>
    public const string FileName = "statistics.bm25";

    private static ReadOnlySpan<byte> Magic => "PLBM25ST"u8;

    /// <summary>Writes the statistics of <paramref name="shardCount"/> shards analyzed with <paramref name="analyzerName"/>.</summary>
    public static void Write(CollectionStatistics statistics, string analyzerName, int shardCount, string path)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(analyzerName);
        BinaryFile.Write(path, Magic, buffer =>
        {
            BinaryFile.WriteString(buffer, analyzerName);
            BinaryFile.WriteVarint(buffer, (ulong)shardCount);
            BinaryFile.WriteVarint(buffer, (ulong)statistics.DocCount);
            BinaryFile.WriteVarint(buffer, (ulong)statistics.TotalLength);
            var terms = statistics.DocFrequencies.Keys.ToArray();
            Array.Sort(terms, StringComparer.Ordinal);
            BinaryFile.WriteVarint(buffer, (ulong)terms.Length);
            foreach (var term in terms)
            {
                BinaryFile.WriteString(buffer, term);
                BinaryFile.WriteVarint(buffer, (ulong)statistics.DocFrequencies[term]);
            }
        });
    }

    /// <summary>Reads and verifies a statistics file.</summary>
    /// <exception cref="IndexFormatException">Missing, wrong magic or version, checksum mismatch.</exception>
    public static (CollectionStatistics Statistics, string AnalyzerName, int ShardCount) Read(string path)
    {
        var bytes = BinaryFile.ReadBody(path, Magic, "statistics file", out var start, out var end);
        var reader = new BinaryFile.Reader(path, bytes, start, end);
        var analyzer = reader.String();
        var shards = reader.Int32("shard count");
        var docs = (long)reader.Varint();
        var length = (long)reader.Varint();
        var count = reader.Int32("term count");
        var df = new Dictionary<string, long>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var term = reader.String();
            df[term] = (long)reader.Varint();
        }
        if (!reader.AtEnd)
        {
            throw new IndexFormatException(path, "trailing data after the terms");
        }
        return (new CollectionStatistics(docs, length, df), analyzer, shards);
    }
}
