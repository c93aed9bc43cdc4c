using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

/// <summary>Streaming queries: chunks produced as they are fetched, in order, errors met on the way thrown by the fetch.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DuckDbConnection Connect(out DuckDbDatabase db, int threads = 1)
    {
        db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = threads, PreserveInsertionOrder = true });
        return db.Connect();
    }

    [DuckDbFact]
    public void A_streaming_query_hands_out_every_row_in_order_chunk_by_chunk()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        using var result = connection.QueryStreaming("SELECT range AS n, 'row ' || range AS s FROM range(10000)");

        var chunks = 0;
        long expected = 0;
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                chunks++;
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    Assert.Equal(expected, chunk.GetVector(0).GetInt64(row));
                    Assert.Equal($"row {expected}", chunk.GetVector(1).GetString(row));
                    expected++;
                }
            }
        }

        Assert.Equal(10000, expected);
        Assert.Equal(5, chunks);
    }

    [DuckDbFact]
    public void A_runtime_error_in_a_streaming_query_is_thrown_by_a_later_fetch()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        // DuckDB runs a streaming query ahead of the fetches only by a bounded buffer: far past it, the error comes
        // from a fetch, after the rows before it were handed out.
        using var result = connection.QueryStreaming(
            "SELECT CASE WHEN range = 5000000 THEN error('row 5000000 is bad') ELSE range END FROM range(10000000)");

        long rows = 0;
        var e = Assert.Throws<DuckDbException>(() =>
        {
            while (result.FetchChunk() is { } chunk)
            {
                rows += chunk.RowCount;
                chunk.Dispose();
            }
        });

        Assert.Contains("row 5000000 is bad", e.Message, StringComparison.Ordinal);
        Assert.InRange(rows, 2048, 5_000_000);
    }

    [DuckDbFact]
    public void A_streaming_query_that_does_not_bind_reports_duckdbs_message()
    {
        using var connection = Connect(out var db);
        using var _ = db;

        var e = Assert.Throws<DuckDbException>(() => connection.QueryStreaming("SELECT * FROM nowhere"));

        Assert.StartsWith("Catalog Error: Table with name nowhere does not exist!", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void A_json_file_streams_through_at_two_threads_in_file_order()
    {
        // Large enough for DuckDB to read it in parallel (several buffers).
        var path = _dir.File("big.jsonl");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < 200_000; i++)
            {
                writer.Write($"{{\"n\": {i}, \"s\": \"{new string('y', i % 300)}\"}}\n");
            }
        }
        using var connection = Connect(out var db, threads: 2);
        using var _ = db;
        using var result = connection.QueryStreaming(
            $"SELECT n, s FROM read_json({DuckDbSql.Literal(path)}, format = 'newline_delimited', columns = {{'n': 'BIGINT', 's': 'VARCHAR'}})");

        long expected = 0;
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                for (var row = 0; row < chunk.RowCount; row++, expected++)
                {
                    Assert.Equal(expected, chunk.GetVector(0).GetInt64(row));
                }
            }
        }
        Assert.Equal(200_000, expected);
    }
}
