using System.Text;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// Bulk insertion into one table, row by row: append one value per column in table order, then
/// <see cref="EndRow"/>. DuckDB buffers rows and writes them in chunks; <see cref="Close"/> flushes the rest and
/// reports any error (a constraint violation, say). Disposing without closing discards nothing already flushed and
/// swallows the final flush's error: call <see cref="Close"/> to know the rows arrived. Not thread-safe.
/// </summary>
public sealed class DuckDbAppender : IDisposable
{
    private readonly AppenderHandle _handle;
    private byte[] _buffer = new byte[256];

    internal DuckDbAppender(AppenderHandle handle) => _handle = handle;

    /// <summary>Rows ended or appended as chunks so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Appends a VARCHAR; <c>null</c> appends NULL.</summary>
    public DuckDbAppender Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _buffer.Length)
        {
            var needed = Encoding.UTF8.GetByteCount(value);
            if (needed > _buffer.Length)
            {
                _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
            }
        }
        var length = Encoding.UTF8.GetBytes(value, _buffer);
        return Append(_buffer.AsSpan(0, length));
    }

    /// <summary>Appends a VARCHAR given as UTF-8 bytes (not checked here; DuckDB rejects invalid UTF-8).</summary>
    public unsafe DuckDbAppender Append(ReadOnlySpan<byte> utf8)
    {
        fixed (byte* bytes = utf8)
        {
            Errors.CheckAppender(NativeMethods.duckdb_append_varchar_length(_handle, bytes, (ulong)utf8.Length), _handle);
        }
        return this;
    }

    /// <summary>Appends a BIGINT.</summary>
    public DuckDbAppender Append(long value)
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_int64(_handle, value), _handle);
        return this;
    }

    /// <summary>Appends an INTEGER.</summary>
    public DuckDbAppender Append(int value)
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_int32(_handle, value), _handle);
        return this;
    }

    /// <summary>Appends a DOUBLE.</summary>
    public DuckDbAppender Append(double value)
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_double(_handle, value), _handle);
        return this;
    }

    /// <summary>Appends a FLOAT.</summary>
    public DuckDbAppender Append(float value)
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_float(_handle, value), _handle);
        return this;
    }

    /// <summary>Appends a BOOLEAN.</summary>
    public DuckDbAppender Append(bool value)
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_bool(_handle, value), _handle);
        return this;
    }

    /// <summary>Appends NULL.</summary>
    public DuckDbAppender AppendNull()
    {
        Errors.CheckAppender(NativeMethods.duckdb_append_null(_handle), _handle);
        return this;
    }

    /// <summary>
    /// Appends every row of <paramref name="chunk"/> (a chunk of a query result, say) at once, its values copied
    /// inside DuckDB without passing through .NET. Its columns are the table's, in order; a column of another type
    /// is cast where DuckDB casts implicitly (INTEGER to BIGINT), and refused otherwise.
    /// </summary>
    /// <exception cref="DuckDbException">A column type does not match, or DuckDB rejected the rows.</exception>
    public DuckDbAppender AppendChunk(DuckDbDataChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Errors.CheckAppender(NativeMethods.duckdb_append_data_chunk(_handle, chunk.Handle), _handle);
        RowCount += chunk.RowCount;
        return this;
    }

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of
    /// <paramref name="chunk"/>, as <see cref="AppendChunk(DuckDbDataChunk)"/> does (through a sliced view of the
    /// chunk's vectors; the chunk itself is left as it was).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the chunk.</exception>
    /// <exception cref="DuckDbException">A column type does not match, or DuckDB rejected the rows.</exception>
    public unsafe DuckDbAppender AppendChunk(DuckDbDataChunk chunk, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)count, chunk.RowCount, nameof(count));
        if (count == 0)
        {
            return this;
        }
        if (start == 0 && count == chunk.RowCount)
        {
            return AppendChunk(chunk);
        }
        var source = chunk.Handle;
        var added = false;
        source.DangerousAddRef(ref added);
        var columns = chunk.ColumnCount;
        var types = new nint[columns];
        nint view = 0;
        nint selection = 0;
        try
        {
            for (var c = 0; c < columns; c++)
            {
                types[c] = NativeMethods.duckdb_vector_get_column_type(NativeMethods.duckdb_data_chunk_get_vector(source, (ulong)c));
            }
            fixed (nint* typePointers = types)
            {
                view = NativeMethods.duckdb_create_data_chunk(typePointers, (ulong)columns);
            }
            selection = NativeMethods.duckdb_create_selection_vector((ulong)count);
            var rows = NativeMethods.duckdb_selection_vector_get_data_ptr(selection);
            for (var i = 0; i < count; i++)
            {
                rows[i] = (uint)(start + i);
            }
            for (var c = 0; c < columns; c++)
            {
                var target = NativeMethods.duckdb_data_chunk_get_vector(view, (ulong)c);
                NativeMethods.duckdb_vector_reference_vector(target, NativeMethods.duckdb_data_chunk_get_vector(source, (ulong)c));
                NativeMethods.duckdb_slice_vector(target, selection, (ulong)count);
            }
            NativeMethods.duckdb_data_chunk_set_size(view, (ulong)count);
            Errors.CheckAppender(NativeMethods.duckdb_append_data_chunk(_handle, view), _handle);
            RowCount += count;
            return this;
        }
        finally
        {
            if (view != 0)
            {
                NativeMethods.duckdb_destroy_data_chunk(ref view);
            }
            if (selection != 0)
            {
                NativeMethods.duckdb_destroy_selection_vector(selection);
            }
            for (var c = 0; c < columns; c++)
            {
                if (types[c] != 0)
                {
                    NativeMethods.duckdb_destroy_logical_type(ref types[c]);
                }
            }
            source.DangerousRelease();
        }
    }

    /// <summary>Ends the current row.</summary>
    /// <exception cref="DuckDbException">The row has too few or too many values, or DuckDB rejected it.</exception>
    public void EndRow()
    {
        Errors.CheckAppender(NativeMethods.duckdb_appender_end_row(_handle), _handle);
        RowCount++;
    }

    /// <summary>Writes the buffered rows to the table.</summary>
    public void Flush() => Errors.CheckAppender(NativeMethods.duckdb_appender_flush(_handle), _handle);

    /// <summary>Flushes and closes the appender; later appends fail.</summary>
    /// <exception cref="DuckDbException">The final flush failed (the message is DuckDB's).</exception>
    public void Close() => Errors.CheckAppender(NativeMethods.duckdb_appender_close(_handle), _handle);

    /// <summary>Frees the appender (flushing what is buffered, errors ignored; see <see cref="Close"/>).</summary>
    public void Dispose() => _handle.Dispose();
}
