using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// The chunk a table function fills (<see cref="DuckDbTableFill"/>), with the function's columns. Valid only during
/// the call that receives it.
/// </summary>
public sealed class DuckDbOutputChunk
{
    private nint _chunk;

    internal DuckDbOutputChunk(int capacity, int columnCount)
    {
        Capacity = capacity;
        ColumnCount = columnCount;
    }

    /// <summary>The most rows one call may write (<c>duckdb_vector_size()</c>, 2048 by default).</summary>
    public int Capacity { get; }

    /// <summary>The function's columns.</summary>
    public int ColumnCount { get; }

    /// <summary>
    /// Copies rows <paramref name="sourceStart"/> to <paramref name="sourceStart"/> + <paramref name="count"/> - 1 of
    /// every column of <paramref name="source"/> (a chunk of a query result, with the same columns in the same order)
    /// into rows <paramref name="targetStart"/> onwards, inside DuckDB: values never pass through .NET, strings are
    /// copied into the output's own memory (so <paramref name="source"/> may be disposed afterwards).
    /// </summary>
    /// <exception cref="InvalidOperationException">Used outside the call that received it.</exception>
    /// <exception cref="ArgumentException">The source has another number of columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range is outside its chunk.</exception>
    public void CopyRows(DuckDbDataChunk source, int sourceStart, int count, int targetStart)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_chunk == nint.Zero)
        {
            throw new InvalidOperationException("the output chunk is only valid during the fill call that received it");
        }
        if (source.ColumnCount != ColumnCount)
        {
            throw new ArgumentException($"the source has {source.ColumnCount} columns, the function {ColumnCount}", nameof(source));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(sourceStart);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(targetStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceStart + (long)count, source.RowCount, nameof(count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetStart + (long)count, Capacity, nameof(count));
        using var from = source.Lease();
        for (var c = 0; c < ColumnCount; c++)
        {
            NativeMethods.duckdb_vector_copy_sel(from.Vector(c), NativeMethods.duckdb_data_chunk_get_vector(_chunk, (ulong)c),
                IdentitySelection.Value, (ulong)(sourceStart + count), (ulong)sourceStart, (ulong)targetStart);
        }
    }

    /// <summary>
    /// Makes the output's columns refer to <paramref name="source"/>'s (built with <see cref="DuckDbDataChunk.Create"/>,
    /// same columns) without copying: DuckDB shares the memory, which outlives <paramref name="source"/>'s disposal.
    /// Returns the rows to report from the fill call (<paramref name="source"/>'s row count).
    /// </summary>
    /// <exception cref="InvalidOperationException">Used outside the call that received it.</exception>
    /// <exception cref="ArgumentException">The source has another number of columns, or more rows than fit.</exception>
    public int Reference(DuckDbDataChunk source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_chunk == nint.Zero)
        {
            throw new InvalidOperationException("the output chunk is only valid during the fill call that received it");
        }
        if (source.ColumnCount != ColumnCount)
        {
            throw new ArgumentException($"the source has {source.ColumnCount} columns, the function {ColumnCount}", nameof(source));
        }
        if (source.RowCount > Capacity)
        {
            throw new ArgumentException($"the source has {source.RowCount} rows, the output holds {Capacity}", nameof(source));
        }
        using var from = source.Lease();
        for (var c = 0; c < ColumnCount; c++)
        {
            NativeMethods.duckdb_vector_reference_vector(NativeMethods.duckdb_data_chunk_get_vector(_chunk, (ulong)c), from.Vector(c));
        }
        return source.RowCount;
    }

    internal void Attach(nint chunk) => _chunk = chunk;

    internal void Detach() => _chunk = nint.Zero;
}
