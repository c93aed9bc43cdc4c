using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

public class AppenderTests
{
    [DuckDbFact]
    public void Appended_rows_read_back_with_every_value()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (id VARCHAR, n BIGINT, i INTEGER, d DOUBLE, f FLOAT, b BOOLEAN)");
        using (var appender = connection.CreateAppender("t"))
        {
            for (var k = 0; k < 5000; k++)
            {
                appender.Append(k % 7 == 0 ? null : $"doc-{k}-{new string('x', k % 20)}").Append((long)k).Append(-k)
                    .Append(k / 4.0).Append(k / 2f).Append(k % 2 == 0);
                appender.EndRow();
            }
            appender.Close();
            Assert.Equal(5000, appender.RowCount);
        }

        using var result = connection.Query("SELECT * FROM t ORDER BY n");
        var k2 = 0;
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                for (var row = 0; row < chunk.RowCount; row++, k2++)
                {
                    Assert.Equal(k2 % 7 == 0 ? null : $"doc-{k2}-{new string('x', k2 % 20)}", chunk.GetVector(0).GetStringOrNull(row));
                    Assert.Equal(k2, chunk.GetVector(1).GetInt64(row));
                    Assert.Equal(-k2, chunk.GetVector(2).GetInt32(row));
                    Assert.Equal(k2 / 4.0, chunk.GetVector(3).GetDouble(row));
                    Assert.Equal(k2 / 2f, chunk.GetVector(4).GetFloat(row));
                    Assert.Equal(k2 % 2 == 0, chunk.GetVector(5).GetBoolean(row));
                }
            }
        }
        Assert.Equal(5000, k2);
    }

    [DuckDbFact]
    public void A_row_with_too_few_values_is_refused_with_duckdbs_message()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (a VARCHAR, b VARCHAR)");
        using var appender = connection.CreateAppender("t");
        appender.Append("only one");

        var e = Assert.Throws<DuckDbException>(appender.EndRow);

        Assert.Contains("Call to EndRow before all columns have been appended to!", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void An_appender_for_a_missing_table_is_refused_with_duckdbs_message()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();

        var e = Assert.Throws<DuckDbException>(() => connection.CreateAppender("missing"));

        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void A_constraint_violation_surfaces_at_close()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (id VARCHAR PRIMARY KEY)");
        using var appender = connection.CreateAppender("t");
        appender.Append("same").EndRow();
        appender.Append("same").EndRow();

        var e = Assert.Throws<DuckDbException>(appender.Close);

        Assert.StartsWith("Failed to append: PRIMARY KEY or UNIQUE constraint violation", e.Message, StringComparison.Ordinal);
        Assert.Contains("same", e.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Constraint, e.ErrorType);
    }
}
