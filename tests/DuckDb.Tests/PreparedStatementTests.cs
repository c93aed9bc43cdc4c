using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

public class PreparedStatementTests
{
    [DuckDbFact]
    public void Bound_parameters_of_every_type_arrive_unchanged()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        using var statement = connection.Prepare("SELECT ?::VARCHAR, ?::BIGINT, ?::INTEGER, ?::DOUBLE, ?::FLOAT, ?::BOOLEAN, ?::VARCHAR");

        statement.Bind(1, "naïve ' quote — long enough to be stored out of line").Bind(2, long.MaxValue).Bind(3, -7)
            .Bind(4, Math.PI).Bind(5, 1.5f).Bind(6, true).Bind(7, (string?)null);
        using var result = statement.Execute();
        using var chunk = result.FetchChunk()!;

        Assert.Equal(7, statement.ParameterCount);
        Assert.Equal(
            ["naïve ' quote — long enough to be stored out of line", long.MaxValue, -7, Math.PI, 1.5f, true, null],
            Enumerable.Range(0, 7).Select(i => chunk.GetVector(i).GetValue(0)).ToArray());
    }

    [DuckDbFact]
    public void A_statement_runs_again_with_new_bindings()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (id VARCHAR, n BIGINT)");
        using var insert = connection.Prepare("INSERT INTO t VALUES ($1, $2)");

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(1, insert.Bind(1, $"d{i}").Bind(2, (long)i * i).ExecuteNonQuery());
        }

        Assert.Equal(328350L, connection.Scalar("SELECT sum(n)::BIGINT FROM t"));
        Assert.Equal("d99", connection.Scalar("SELECT max_by(id, n) FROM t"));
    }

    [DuckDbFact]
    public void A_parameter_index_outside_the_statement_is_refused()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        using var statement = connection.Prepare("SELECT ?");

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(2, 1L));

        Assert.Equal(2, e.ActualValue);
    }

    [DuckDbFact]
    public void Executing_with_a_parameter_unbound_reports_duckdbs_message()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();
        using var statement = connection.Prepare("SELECT ?::INTEGER + ?::INTEGER");
        statement.Bind(1, 1);

        var e = Assert.Throws<DuckDbException>(statement.Execute);

        Assert.Contains("parameter", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DuckDbErrorType.InvalidInput, e.ErrorType);
    }

    [DuckDbFact]
    public void A_statement_that_does_not_prepare_reports_duckdbs_message()
    {
        using var db = DuckDbDatabase.OpenInMemory();
        using var connection = db.Connect();

        var e = Assert.Throws<DuckDbException>(() => connection.Prepare("SELECT * FROM missing_table WHERE x = ?"));

        Assert.StartsWith("Catalog Error: Table with name missing_table does not exist!", e.Message, StringComparison.Ordinal);
    }
}
