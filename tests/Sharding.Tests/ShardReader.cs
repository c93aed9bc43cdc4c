using Pipeline.DuckDb;

namespace Pipeline.Sharding.Tests;

/// <summary>Reads shards back through the binding, whole.</summary>
internal static class ShardReader
{
    public static List<(string DocId, string Title, string Text)> Read(string path)
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        using var result = connection.Query($"SELECT doc_id, title, text FROM read_parquet({DuckDbSql.Literal(path)})");
        var rows = new List<(string, string, string)>();
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    rows.Add((chunk.GetVector(0).GetString(row), chunk.GetVector(1).GetString(row), chunk.GetVector(2).GetString(row)));
                }
            }
        }
        return rows;
    }
}
