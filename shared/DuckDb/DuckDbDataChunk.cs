using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// A chunk of result rows, column by column. The <see cref="DuckDbVector"/>s it hands out point into its native
/// memory and must not be used after the chunk is disposed.
/// </summary>
public sealed class DuckDbDataChunk : IDisposable
{
    private readonly DataChunkHandle _handle;

    internal DuckDbDataChunk(DataChunkHandle handle)
    {
        _handle = handle;
        RowCount = (int)NativeMethods.duckdb_data_chunk_get_size(handle);
        ColumnCount = (int)NativeMethods.duckdb_data_chunk_get_column_count(handle);
    }

    /// <summary>Rows in this chunk.</summary>
    public int RowCount { get; }

    /// <summary>Columns in this chunk.</summary>
    public int ColumnCount { get; }

    /// <summary>The vector of column <paramref name="column"/> (0-based).</summary>
    public DuckDbVector GetVector(int column)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        var vector = NativeMethods.duckdb_data_chunk_get_vector(_handle, (ulong)column);
        return DuckDbVector.Create(vector, RowCount);
    }

    internal DataChunkHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Frees the chunk.</summary>
    public void Dispose() => _handle.Dispose();
}
