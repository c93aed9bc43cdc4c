using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

public class DatabaseTests
{
    [DuckDbFact]
    public void Settings_given_at_open_are_in_effect()
    {
        using var temp = new TempDirectory();
        var spill = temp.File("spill");
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings
        {
            Threads = 1,
            MemoryLimit = "256MiB",
            TempDirectory = spill,
            PreserveInsertionOrder = true,
        });
        using var connection = db.Connect();

        Assert.Equal(1L, connection.Scalar("SELECT current_setting('threads')"));
        Assert.Equal("256.0 MiB", connection.Scalar("SELECT current_setting('memory_limit')"));
        Assert.Equal(spill, connection.Scalar("SELECT current_setting('temp_directory')"));
        Assert.Equal(true, connection.Scalar("SELECT current_setting('preserve_insertion_order')"));
    }

    [DuckDbFact]
    public void An_unknown_setting_is_an_error_that_names_it()
    {
        var settings = new DuckDbSettings { Extra = new Dictionary<string, string> { ["no_such_setting"] = "1" } };

        var e = Assert.Throws<DuckDbException>(() => DuckDbDatabase.OpenInMemory(settings));

        Assert.StartsWith("could not open DuckDB database :memory:: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_setting", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void Opening_a_file_that_is_not_a_database_reports_duckdbs_message()
    {
        using var temp = new TempDirectory();
        var path = temp.File("not-a-database.duckdb");
        File.WriteAllText(path, "this is text, not a DuckDB database file, and it is long enough to have a header");

        var e = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(path));

        Assert.StartsWith($"could not open DuckDB database {path}: ", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length > $"could not open DuckDB database {path}: ".Length, e.Message);
    }

    [DuckDbFact]
    public void A_file_database_keeps_its_rows_after_reopening()
    {
        using var temp = new TempDirectory();
        var path = temp.File("kept.duckdb");
        using (var db = DuckDbDatabase.Open(path))
        using (var connection = db.Connect())
        {
            connection.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
        }
        using var reopened = DuckDbDatabase.Open(path);
        using var again = reopened.Connect();

        Assert.Equal(6L, again.Scalar("SELECT sum(x)::BIGINT FROM t"));
    }

    [DuckDbFact]
    public void A_connection_outlives_a_disposed_database_object()
    {
        var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        db.Dispose();

        Assert.Equal(42, connection.Scalar("SELECT 42"));
        Assert.Throws<ObjectDisposedException>(db.Connect);
    }
}
