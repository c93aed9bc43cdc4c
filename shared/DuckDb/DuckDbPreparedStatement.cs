using System.Buffers;
using System.Text;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// A prepared statement: bind its parameters (1-based, as in DuckDB) and execute it, as often as needed. Bindings
/// stay until rebound or <see cref="ClearBindings"/>. Not thread-safe.
/// </summary>
public sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly PreparedStatementHandle _handle;
    private readonly ConnectionHandle _connection;

    internal DuckDbPreparedStatement(PreparedStatementHandle handle, ConnectionHandle connection)
    {
        _handle = handle;
        _connection = connection;
        ParameterCount = (int)NativeMethods.duckdb_nparams(handle);
    }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>Binds a VARCHAR (or NULL for <c>null</c>) to parameter <paramref name="index"/> (1-based).</summary>
    public unsafe DuckDbPreparedStatement Bind(int index, string? value)
    {
        CheckIndex(index);
        if (value is null)
        {
            return BindNull(index);
        }
        var length = Encoding.UTF8.GetByteCount(value);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            Encoding.UTF8.GetBytes(value, rented);
            fixed (byte* bytes = rented)
            {
                Check(NativeMethods.duckdb_bind_varchar_length(_handle, (ulong)index, bytes, (ulong)length), index, "VARCHAR");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return this;
    }

    /// <summary>Binds a BIGINT.</summary>
    public DuckDbPreparedStatement Bind(int index, long value)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_int64(_handle, (ulong)index, value), index, "BIGINT");
        return this;
    }

    /// <summary>Binds an INTEGER.</summary>
    public DuckDbPreparedStatement Bind(int index, int value)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_int32(_handle, (ulong)index, value), index, "INTEGER");
        return this;
    }

    /// <summary>Binds a DOUBLE.</summary>
    public DuckDbPreparedStatement Bind(int index, double value)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_double(_handle, (ulong)index, value), index, "DOUBLE");
        return this;
    }

    /// <summary>Binds a FLOAT.</summary>
    public DuckDbPreparedStatement Bind(int index, float value)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_float(_handle, (ulong)index, value), index, "FLOAT");
        return this;
    }

    /// <summary>Binds a BOOLEAN.</summary>
    public DuckDbPreparedStatement Bind(int index, bool value)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_boolean(_handle, (ulong)index, value), index, "BOOLEAN");
        return this;
    }

    /// <summary>Binds NULL.</summary>
    public DuckDbPreparedStatement BindNull(int index)
    {
        CheckIndex(index);
        Check(NativeMethods.duckdb_bind_null(_handle, (ulong)index), index, "NULL");
        return this;
    }

    /// <summary>Removes every binding.</summary>
    public void ClearBindings() => Errors.Check(NativeMethods.duckdb_clear_bindings(_handle), "could not clear the bindings");

    /// <summary>Executes the statement with the current bindings and returns its result.</summary>
    /// <exception cref="DuckDbException">DuckDB's message and error type (a parameter left unbound, a failed cast...).</exception>
    public DuckDbResult Execute()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var result = ResultHandle.Allocate(_connection);
        try
        {
            Errors.CheckResult(NativeMethods.duckdb_execute_prepared(_handle, result), result);
            return new DuckDbResult(result);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Executes the statement and returns the rows it changed.</summary>
    public long ExecuteNonQuery()
    {
        using var result = Execute();
        return result.RowsChanged;
    }

    /// <summary>Frees the statement.</summary>
    public void Dispose() => _handle.Dispose();

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (index < 1 || index > ParameterCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"parameters are numbered 1 to {ParameterCount}");
        }
    }

    private static void Check(int state, int index, string type) =>
        Errors.Check(state, $"could not bind {type} to parameter {index}");
}
