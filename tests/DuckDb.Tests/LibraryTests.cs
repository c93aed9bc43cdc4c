using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

public class LibraryTests
{
    [DuckDbFact]
    public void The_loaded_library_is_duckdb_1_5()
    {
        Assert.StartsWith("v1.5.", DuckDbLibrary.Version, StringComparison.Ordinal);
        Assert.EndsWith("libduckdb.so", DuckDbLibrary.LoadedPath, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void The_library_reports_the_same_version_through_sql()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();

        Assert.Equal(DuckDbLibrary.Version, connection.Scalar("SELECT library_version FROM pragma_version()"));
    }
}
