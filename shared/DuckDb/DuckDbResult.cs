using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// The result of a query, read chunk by chunk with <see cref="FetchChunk"/> (each chunk holds up to
/// <c>duckdb_vector_size()</c> rows, 2048 by default). Only one chunk need be in memory at a time.
/// </summary>
public sealed class DuckDbResult : IDisposable
{
    private readonly ResultHandle _handle;
    private bool _disposed;
    private IReadOnlyList<DuckDbColumn>? _columns;

    internal DuckDbResult(ResultHandle handle) => _handle = handle;

    /// <summary>The rows inserted, updated or deleted by the statement (0 for a query).</summary>
    public long RowsChanged => (long)NativeMethods.duckdb_rows_changed(_handle);

    /// <summary>The result's columns, in order.</summary>
    public IReadOnlyList<DuckDbColumn> Columns => _columns ??= ReadColumns();

    /// <summary>The next chunk of rows, or <c>null</c> when the result is exhausted. Dispose each chunk.</summary>
    /// <exception cref="DuckDbException">The query failed while producing this chunk (the message is DuckDB's).</exception>
    public DuckDbDataChunk? FetchChunk()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var added = false;
        _handle.DangerousAddRef(ref added);
        nint pointer;
        try
        {
            pointer = NativeMethods.duckdb_fetch_chunk(_handle.Value);
        }
        finally
        {
            _handle.DangerousRelease();
        }
        if (pointer == nint.Zero)
        {
            // Exhausted, or failed during streaming: in the latter case the result now carries the error.
            var error = Errors.Utf8(NativeMethods.duckdb_result_error(_handle));
            if (error is not null)
            {
                throw new DuckDbException(error, (DuckDbErrorType)NativeMethods.duckdb_result_error_type(_handle));
            }
            return null;
        }
        return new DuckDbDataChunk(DataChunkHandle.Own(pointer, _handle));
    }

    /// <summary>Frees the result.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private List<DuckDbColumn> ReadColumns()
    {
        var count = (int)NativeMethods.duckdb_column_count(_handle);
        var columns = new List<DuckDbColumn>(count);
        for (var i = 0; i < count; i++)
        {
            var name = Errors.Utf8(NativeMethods.duckdb_column_name(_handle, (ulong)i)) ?? "";
            using var type = LogicalTypeHandle.Own(NativeMethods.duckdb_column_logical_type(_handle, (ulong)i));
            columns.Add(Describe(name, type));
        }
        return columns;
    }

    internal static DuckDbColumn Describe(string name, LogicalTypeHandle type)
    {
        var id = (DuckDbType)NativeMethods.duckdb_get_type_id(type);
        if (id != DuckDbType.Array)
        {
            return new DuckDbColumn(name, id);
        }
        var size = (int)NativeMethods.duckdb_array_type_array_size(type);
        using var child = LogicalTypeHandle.Own(NativeMethods.duckdb_array_type_child_type(type));
        return new DuckDbColumn(name, id, (DuckDbType)NativeMethods.duckdb_get_type_id(child), size);
    }
}
