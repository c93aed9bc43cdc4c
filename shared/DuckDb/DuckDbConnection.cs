using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>: runs SQL, prepares statements and creates appenders. Not
/// thread-safe (one connection per thread), except <see cref="Interrupt"/>.
/// </summary>
public sealed class DuckDbConnection : IDisposable
{
    private readonly ConnectionHandle _handle;
    private bool _disposed;

    internal DuckDbConnection(ConnectionHandle handle) => _handle = handle;

    /// <summary>Runs <paramref name="sql"/> (one or more statements) and returns the rows changed by the last one.</summary>
    /// <exception cref="DuckDbException">DuckDB's message and error type.</exception>
    public long Execute(string sql)
    {
        using var result = Query(sql);
        return result.RowsChanged;
    }

    /// <summary>Runs <paramref name="sql"/> and returns its result, to be read chunk by chunk.</summary>
    /// <exception cref="DuckDbException">DuckDB's message and error type.</exception>
    public DuckDbResult Query(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = ResultHandle.Allocate(_handle);
        try
        {
            Errors.CheckResult(NativeMethods.duckdb_query(_handle, sql, result), result);
            return new DuckDbResult(result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one statement, <paramref name="sql"/>, as a streaming query: its chunks are produced as
    /// <see cref="DuckDbResult.FetchChunk"/> asks for them, so memory stays bounded however large the result (a
    /// query's own order, and with <c>preserve_insertion_order</c> its input's, is kept). An error met while producing
    /// a chunk is thrown by that <see cref="DuckDbResult.FetchChunk"/>. The connection must run nothing else until the
    /// result is disposed (use another connection meanwhile).
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB's message (a syntax or binder error, or one met before the first chunk).</exception>
    public DuckDbResult QueryStreaming(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = NativeMethods.duckdb_prepare(_handle, sql, out var pointer);
        // The result holds a reference on the statement, which is freed when the result is.
        using var statement = PreparedStatementHandle.Own(pointer, _handle);
        Errors.CheckPrepare(state, statement);
        state = NativeMethods.duckdb_pending_prepared_streaming(statement, out var pendingPointer);
        using var pending = PendingResultHandle.Own(pendingPointer, statement);
        if (state != NativeMethods.Success)
        {
            throw new DuckDbException(Errors.Utf8(NativeMethods.duckdb_pending_error(pending)) ?? "DuckDB could not start the query");
        }
        var result = ResultHandle.Allocate(statement);
        try
        {
            Errors.CheckResult(NativeMethods.duckdb_execute_pending(pending, result), result);
            return new DuckDbResult(result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of its first row (<c>null</c> if none or NULL).</summary>
    /// <exception cref="DuckDbException">DuckDB's message and error type.</exception>
    public object? Scalar(string sql)
    {
        using var result = Query(sql);
        using var chunk = result.FetchChunk();
        if (chunk is null || chunk.RowCount == 0)
        {
            return null;
        }
        return chunk.GetVector(0).GetValue(0);
    }

    /// <summary>Prepares <paramref name="sql"/>, with <c>?</c> or <c>$1</c> placeholders for parameters.</summary>
    /// <exception cref="DuckDbException">DuckDB's message (a syntax or binder error).</exception>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = NativeMethods.duckdb_prepare(_handle, sql, out var pointer);
        var statement = PreparedStatementHandle.Own(pointer, _handle);
        try
        {
            Errors.CheckPrepare(state, statement);
            return new DuckDbPreparedStatement(statement, _handle);
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Creates an appender that inserts rows into <paramref name="table"/> (column order of the table).</summary>
    /// <exception cref="DuckDbException">DuckDB's message (say, an unknown table).</exception>
    public DuckDbAppender CreateAppender(string table, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var state = NativeMethods.duckdb_appender_create(_handle, schema, table, out var pointer);
        var appender = AppenderHandle.Own(pointer, _handle);
        try
        {
            Errors.CheckAppender(state, appender);
            return new DuckDbAppender(appender);
        }
        catch
        {
            appender.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Registers a table function <paramref name="name"/> on the database (for every connection, until it closes)
    /// whose rows <paramref name="fill"/> supplies chunk by chunk: <c>SELECT * FROM name()</c>, or the source of a
    /// <c>COPY (SELECT ... FROM name()) TO ...</c>. The function reads on one thread and takes no arguments; a query
    /// runs it from its first <paramref name="fill"/> until one returns 0. Run one query using it at a time.
    /// </summary>
    /// <remarks>
    /// A name registered before keeps its first function (DuckDB ignores the second registration). Inside
    /// <paramref name="fill"/>, copy from materialized results or from chunks fetched on another thread: DuckDB 1.5
    /// fails a fetch from another connection's streaming result made inside a fill once that result has ended.
    /// </remarks>
    /// <param name="name">The function's name in SQL.</param>
    /// <param name="columns">Its columns, of scalar types (not <see cref="DuckDbType.Decimal"/>, lists, structs, maps or arrays).</param>
    /// <param name="fill">Supplies the rows; see <see cref="DuckDbTableFill"/>.</param>
    /// <exception cref="ArgumentException">No columns, or a column of a type that needs parameters.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the function (a name already taken, say).</exception>
    public void RegisterTableFunction(string name, IReadOnlyList<DuckDbColumn> columns, DuckDbTableFill fill)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(fill);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (columns.Count == 0)
        {
            throw new ArgumentException("a table function needs at least one column", nameof(columns));
        }
        foreach (var column in columns)
        {
            ArgumentException.ThrowIfNullOrEmpty(column.Name, nameof(columns));
            if (column.Type is DuckDbType.Invalid or DuckDbType.Decimal or DuckDbType.List or DuckDbType.Struct or DuckDbType.Map or DuckDbType.Array)
            {
                throw new ArgumentException($"column {column.Name}: type {column.Type} is not supported in a table function", nameof(columns));
            }
        }
        TableFunctions.Register(_handle, name, [.. columns], fill);
    }

    /// <summary>Asks the running query to stop; it then fails with <see cref="DuckDbErrorType.Interrupt"/>. Thread-safe.</summary>
    public void Interrupt()
    {
        if (!_disposed)
        {
            NativeMethods.duckdb_interrupt(_handle);
        }
    }

    /// <summary>Closes the connection once its results, statements and appenders are disposed too.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
