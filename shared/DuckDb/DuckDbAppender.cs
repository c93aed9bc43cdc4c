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

    /// <summary>Rows ended so far.</summary>
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
