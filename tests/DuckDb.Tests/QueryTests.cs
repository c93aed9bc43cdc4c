using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

public class QueryTests
{
    private static DuckDbConnection Connect(out DuckDbDatabase db)
    {
        db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        return db.Connect();
    }

    [DuckDbFact]
    public void A_syntax_error_carries_duckdbs_message_and_the_parser_error_type()
    {
        using var connection = Connect(out var db);
        using var _ = db;

        var e = Assert.Throws<DuckDbException>(() => connection.Execute("SELEC 1"));

        Assert.Equal(DuckDbErrorType.Parser, e.ErrorType);
        Assert.StartsWith("Parser Error: syntax error at or near \"SELEC\"", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void An_unknown_table_is_a_catalog_error()
    {
        using var connection = Connect(out var db);
        using var _ = db;

        var e = Assert.Throws<DuckDbException>(() => connection.Query("SELECT * FROM nowhere"));

        Assert.Equal(DuckDbErrorType.Catalog, e.ErrorType);
        Assert.StartsWith("Catalog Error: Table with name nowhere does not exist!", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void Every_supported_type_reads_back_with_its_value_and_nulls()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        using var result = connection.Query("""
            SELECT * FROM (VALUES
              ('short', 'a string longer than twelve bytes', 1::BIGINT, 2::INTEGER, 0.5::DOUBLE, 0.25::FLOAT, true, [1, 2, 3]::FLOAT[3]),
              (NULL, 'twelve bytes', -9223372036854775808, -2147483648, -1e300, -3.5, false, [0.5, -0.5, 1e30]::FLOAT[3]),
              ('', NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            ) t(s, l, b, i, d, f, o, a)
            """);

        Assert.Equal(
            [
                new DuckDbColumn("s", DuckDbType.Varchar), new DuckDbColumn("l", DuckDbType.Varchar),
                new DuckDbColumn("b", DuckDbType.BigInt), new DuckDbColumn("i", DuckDbType.Integer),
                new DuckDbColumn("d", DuckDbType.Double), new DuckDbColumn("f", DuckDbType.Float),
                new DuckDbColumn("o", DuckDbType.Boolean), new DuckDbColumn("a", DuckDbType.Array, DuckDbType.Float, 3),
            ],
            result.Columns);
        using var chunk = result.FetchChunk();
        Assert.NotNull(chunk);
        Assert.Equal(3, chunk.RowCount);
        var s = chunk.GetVector(0);
        var l = chunk.GetVector(1);
        Assert.Equal(new string?[] { "short", null, "" }, new[] { s.GetStringOrNull(0), s.GetStringOrNull(1), s.GetStringOrNull(2) });
        Assert.Equal(new string?[] { "a string longer than twelve bytes", "twelve bytes", null }, new[] { l.GetStringOrNull(0), l.GetStringOrNull(1), l.GetStringOrNull(2) });
        Assert.Equal(1L, chunk.GetVector(2).GetInt64(0));
        Assert.Equal(long.MinValue, chunk.GetVector(2).GetInt64(1));
        Assert.Equal(2, chunk.GetVector(3).GetInt32(0));
        Assert.Equal(int.MinValue, chunk.GetVector(3).GetInt32(1));
        Assert.Equal(0.5, chunk.GetVector(4).GetDouble(0));
        Assert.Equal(-1e300, chunk.GetVector(4).GetDouble(1));
        Assert.Equal(0.25f, chunk.GetVector(5).GetFloat(0));
        Assert.Equal(-3.5f, chunk.GetVector(5).GetFloat(1));
        Assert.True(chunk.GetVector(6).GetBoolean(0));
        Assert.False(chunk.GetVector(6).GetBoolean(1));
        Assert.Equal([1f, 2f, 3f], chunk.GetVector(7).GetFloatArray(0).ToArray());
        Assert.Equal([0.5f, -0.5f, 1e30f], chunk.GetVector(7).GetFloatArray(1).ToArray());
        for (var column = 1; column < 8; column++)
        {
            Assert.True(chunk.GetVector(column).IsNull(2), $"column {column}");
            Assert.Null(chunk.GetVector(column).GetValue(2));
        }
        Assert.Null(result.FetchChunk());
    }

    [DuckDbFact]
    public void A_typed_getter_refuses_the_wrong_type_and_a_null()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        using var result = connection.Query("SELECT 1::INTEGER AS i, NULL::VARCHAR AS s");
        using var chunk = result.FetchChunk()!;

        var wrongType = Assert.Throws<InvalidOperationException>(() => chunk.GetVector(0).GetString(0));
        var isNull = Assert.Throws<InvalidOperationException>(() => chunk.GetVector(1).GetString(0));
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => chunk.GetVector(0).GetInt32(1));

        Assert.Equal("the column is Integer, not Varchar", wrongType.Message);
        Assert.Equal("row 0 is NULL", isNull.Message);
        Assert.Equal(1, outOfRange.ActualValue);
    }

    [DuckDbFact]
    public void A_large_result_arrives_in_chunks_with_every_row()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        using var result = connection.Query("SELECT range AS n, 'row ' || range AS s FROM range(10000)");

        var chunks = 0;
        long expected = 0;
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                chunks++;
                var n = chunk.GetVector(0);
                var s = chunk.GetVector(1);
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    Assert.Equal(expected, n.GetInt64(row));
                    Assert.Equal($"row {expected}", s.GetString(row));
                    expected++;
                }
            }
        }

        Assert.Equal(10000, expected);
        Assert.Equal(5, chunks); // 2048 rows per chunk
    }

    [DuckDbFact]
    public void Rows_changed_counts_the_inserted_rows()
    {
        using var connection = Connect(out var db);
        using var _ = db;
        connection.Execute("CREATE TABLE t (x INTEGER)");

        Assert.Equal(3, connection.Execute("INSERT INTO t VALUES (1), (2), (3)"));
    }

    [DuckDbFact]
    public void A_runtime_error_during_streaming_is_reported()
    {
        using var connection = Connect(out var db);
        using var _ = db;

        var e = Assert.Throws<DuckDbException>(() =>
        {
            using var result = connection.Query("SELECT CAST('x' || range AS INTEGER) FROM range(3)");
            while (result.FetchChunk() is { } chunk)
            {
                chunk.Dispose();
            }
        });

        Assert.Equal(DuckDbErrorType.Conversion, e.ErrorType);
        Assert.StartsWith("Conversion Error: Could not convert string 'x0' to INT32", e.Message, StringComparison.Ordinal);
    }
}
