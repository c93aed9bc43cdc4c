using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// A chunk of rows, column by column: one of a query result, or one built with <see cref="Create"/> and
/// <see cref="AppendRows"/> (to hand to a table function's output with <see cref="DuckDbOutputChunk.Reference"/>). The
/// <see cref="DuckDbVector"/>s it hands out point into its native memory and must not be used after the chunk is
/// disposed.
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

    /// <summary>An empty chunk with columns of <paramref name="types"/> (plain types only) and room for <see cref="Capacity"/> rows.</summary>
    /// <exception cref="ArgumentException">No column, or a type that needs more than its id (decimal, list, struct, map, array).</exception>
    public static unsafe DuckDbDataChunk Create(IReadOnlyList<DuckDbType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0)
        {
            throw new ArgumentException("a chunk needs at least one column", nameof(types));
        }
        DuckDbLibrary.EnsureLoaded();
        var logical = new nint[types.Count];
        try
        {
            for (var i = 0; i < types.Count; i++)
            {
                if (types[i] is < DuckDbType.Boolean or > DuckDbType.Blob and not DuckDbType.Uuid)
                {
                    throw new ArgumentException($"column {i}: type {types[i]} cannot be created from its id alone", nameof(types));
                }
                logical[i] = NativeMethods.duckdb_create_logical_type((int)types[i]);
            }
            fixed (nint* pointers = logical)
            {
                var chunk = NativeMethods.duckdb_create_data_chunk(pointers, (ulong)logical.Length);
                if (chunk == nint.Zero)
                {
                    throw new DuckDbException("DuckDB could not create a data chunk");
                }
                return new DuckDbDataChunk(DataChunkHandle.Own(chunk, null));
            }
        }
        finally
        {
            for (var i = 0; i < logical.Length; i++)
            {
                if (logical[i] != nint.Zero)
                {
                    NativeMethods.duckdb_destroy_logical_type(ref logical[i]);
                }
            }
        }
    }

    /// <summary>The most rows a chunk holds (<c>duckdb_vector_size()</c>, 2048 by default).</summary>
    public static int Capacity => (int)NativeMethods.duckdb_vector_size();

    /// <summary>Rows in this chunk.</summary>
    public int RowCount { get; private set; }

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of every column
    /// of <paramref name="source"/> (same column types in the same order) after this chunk's rows, inside DuckDB:
    /// strings are copied into this chunk's own memory, so <paramref name="source"/> may be disposed afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The source has another number of columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the source, or the rows do not fit.</exception>
    public void AppendRows(DuckDbDataChunk source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ColumnCount != ColumnCount)
        {
            throw new ArgumentException($"the source has {source.ColumnCount} columns, this chunk {ColumnCount}", nameof(source));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + (long)count, source.RowCount, nameof(count));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RowCount + (long)count, Capacity, nameof(count));
        using (var target = Lease())
        using (var from = source.Lease())
        {
            for (var c = 0; c < ColumnCount; c++)
            {
                NativeMethods.duckdb_vector_copy_sel(from.Vector(c), target.Vector(c), IdentitySelection.Value,
                    (ulong)(start + count), (ulong)start, (ulong)RowCount);
            }
            RowCount += count;
            NativeMethods.duckdb_data_chunk_set_size(target.Pointer, (ulong)RowCount);
        }
    }

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

    /// <summary>Keeps the native chunk alive while its vectors are used; throws when the chunk is disposed.</summary>
    internal Leased Lease()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return new Leased(_handle);
    }

    /// <summary>A reference held on a chunk's handle, released on disposal.</summary>
    internal readonly struct Leased : IDisposable
    {
        private readonly DataChunkHandle _handle;

        public Leased(DataChunkHandle handle)
        {
            var added = false;
            handle.DangerousAddRef(ref added);
            _handle = handle;
            Pointer = handle.DangerousGetHandle();
        }

        /// <summary>The native <c>duckdb_data_chunk</c>.</summary>
        public nint Pointer { get; }

        /// <summary>The native vector of column <paramref name="column"/>.</summary>
        public nint Vector(int column) => NativeMethods.duckdb_data_chunk_get_vector(Pointer, (ulong)column);

        public void Dispose() => _handle.DangerousRelease();
    }

    /// <summary>Frees the chunk.</summary>
    public void Dispose() => _handle.Dispose();
}
