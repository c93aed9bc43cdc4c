using System.Runtime.CompilerServices;
using System.Text;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// Typed, zero-copy access to one column of a <see cref="DuckDbDataChunk"/>: values are read straight from DuckDB's
/// vector memory. Valid only while its chunk is not disposed. Each getter checks the column type and the row index
/// and throws <see cref="InvalidOperationException"/> / <see cref="ArgumentOutOfRangeException"/> on a mismatch;
/// reading a NULL row with a typed getter is an <see cref="InvalidOperationException"/> (check <see cref="IsNull"/>).
/// </summary>
public readonly unsafe struct DuckDbVector
{
    private readonly byte* _data;
    private readonly ulong* _validity;
    private readonly byte* _childData;
    private readonly ulong* _childValidity;

    private DuckDbVector(byte* data, ulong* validity, int rowCount, DuckDbType type, DuckDbType? elementType,
        int arraySize, byte* childData, ulong* childValidity)
    {
        _data = data;
        _validity = validity;
        RowCount = rowCount;
        Type = type;
        ElementType = elementType;
        ArraySize = arraySize;
        _childData = childData;
        _childValidity = childValidity;
    }

    /// <summary>The number of rows (that of the chunk).</summary>
    public int RowCount { get; }

    /// <summary>The column type.</summary>
    public DuckDbType Type { get; }

    /// <summary>For arrays, the element type.</summary>
    public DuckDbType? ElementType { get; }

    /// <summary>For arrays, the fixed length of each value.</summary>
    public int ArraySize { get; }

    internal static DuckDbVector Create(nint vector, int rowCount)
    {
        var data = (byte*)NativeMethods.duckdb_vector_get_data(vector);
        var validity = NativeMethods.duckdb_vector_get_validity(vector);
        using var type = LogicalTypeHandle.Own(NativeMethods.duckdb_vector_get_column_type(vector));
        var column = DuckDbResult.Describe("", type);
        if (column.Type != DuckDbType.Array)
        {
            return new DuckDbVector(data, validity, rowCount, column.Type, null, 0, null, null);
        }
        var child = NativeMethods.duckdb_array_vector_get_child(vector);
        return new DuckDbVector(data, validity, rowCount, column.Type, column.ElementType, column.ArraySize,
            (byte*)NativeMethods.duckdb_vector_get_data(child), NativeMethods.duckdb_vector_get_validity(child));
    }

    /// <summary>True when row <paramref name="row"/> is NULL (its validity bit is clear).</summary>
    public bool IsNull(int row)
    {
        CheckRow(row);
        return !IsValid(_validity, row);
    }

    /// <summary>A VARCHAR (or BLOB) value as its raw bytes, inlined or not (<c>duckdb_string_t</c>), without copying.</summary>
    public ReadOnlySpan<byte> GetUtf8(int row)
    {
        CheckValue(row, DuckDbType.Varchar, DuckDbType.Blob);
        // duckdb_string_t: uint32 length, then either 12 inlined bytes (length <= 12) or a 4-byte prefix and a pointer.
        var entry = _data + ((nint)row * 16);
        var length = *(uint*)entry;
        var bytes = length <= 12 ? entry + 4 : *(byte**)(entry + 8);
        return new ReadOnlySpan<byte>(bytes, checked((int)length));
    }

    /// <summary>A VARCHAR value.</summary>
    public string GetString(int row) => Encoding.UTF8.GetString(GetUtf8(row));

    /// <summary>A VARCHAR value, or <c>null</c> for NULL.</summary>
    public string? GetStringOrNull(int row) => IsNull(row) ? null : GetString(row);

    /// <summary>A BIGINT value (INTEGER, SMALLINT and TINYINT widen).</summary>
    public long GetInt64(int row)
    {
        CheckValue(row, DuckDbType.BigInt, DuckDbType.Integer, DuckDbType.SmallInt, DuckDbType.TinyInt);
        return Type switch
        {
            DuckDbType.BigInt => ((long*)_data)[row],
            DuckDbType.Integer => ((int*)_data)[row],
            DuckDbType.SmallInt => ((short*)_data)[row],
            _ => ((sbyte*)_data)[row],
        };
    }

    /// <summary>An INTEGER value.</summary>
    public int GetInt32(int row)
    {
        CheckValue(row, DuckDbType.Integer);
        return ((int*)_data)[row];
    }

    /// <summary>A DOUBLE value (FLOAT widens).</summary>
    public double GetDouble(int row)
    {
        CheckValue(row, DuckDbType.Double, DuckDbType.Float);
        return Type == DuckDbType.Double ? ((double*)_data)[row] : ((float*)_data)[row];
    }

    /// <summary>A FLOAT value.</summary>
    public float GetFloat(int row)
    {
        CheckValue(row, DuckDbType.Float);
        return ((float*)_data)[row];
    }

    /// <summary>A BOOLEAN value.</summary>
    public bool GetBoolean(int row)
    {
        CheckValue(row, DuckDbType.Boolean);
        return _data[row] != 0;
    }

    /// <summary>
    /// A fixed-size <c>FLOAT[n]</c> value, without copying. An array holding a NULL element is an
    /// <see cref="InvalidOperationException"/> (embeddings never do).
    /// </summary>
    public ReadOnlySpan<float> GetFloatArray(int row)
    {
        CheckValue(row, DuckDbType.Array);
        if (ElementType != DuckDbType.Float)
        {
            ThrowType(DuckDbType.Float);
        }
        var start = (nint)row * ArraySize;
        if (_childValidity is not null)
        {
            for (var i = 0; i < ArraySize; i++)
            {
                if (!IsValid(_childValidity, (int)(start + i)))
                {
                    throw new InvalidOperationException($"row {row}: element {i} of the array is NULL");
                }
            }
        }
        return new ReadOnlySpan<float>((float*)_childData + start, ArraySize);
    }

    /// <summary>
    /// The value boxed as a .NET value (<c>null</c> for NULL): string, long, int, double, float, bool, float[] for
    /// FLOAT arrays. Other types are an <see cref="InvalidOperationException"/>; cast them in SQL first.
    /// </summary>
    public object? GetValue(int row)
    {
        if (IsNull(row))
        {
            return null;
        }
        return Type switch
        {
            DuckDbType.Varchar => GetString(row),
            DuckDbType.BigInt => GetInt64(row),
            DuckDbType.Integer => GetInt32(row),
            DuckDbType.SmallInt or DuckDbType.TinyInt => GetInt64(row),
            DuckDbType.Double => GetDouble(row),
            DuckDbType.Float => GetFloat(row),
            DuckDbType.Boolean => GetBoolean(row),
            DuckDbType.Array when ElementType == DuckDbType.Float => GetFloatArray(row).ToArray(),
            _ => throw new InvalidOperationException($"reading {Type} values is not supported; cast the column in SQL"),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValid(ulong* validity, int row) => validity is null || (validity[row >> 6] & (1UL << (row & 63))) != 0;

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)RowCount)
        {
            ThrowRow(row);
        }
    }

    private void CheckValue(int row, DuckDbType expected, DuckDbType alternative1 = DuckDbType.Invalid,
        DuckDbType alternative2 = DuckDbType.Invalid, DuckDbType alternative3 = DuckDbType.Invalid)
    {
        CheckRow(row);
        if (Type != expected && (Type == DuckDbType.Invalid
            || (Type != alternative1 && Type != alternative2 && Type != alternative3)))
        {
            ThrowType(expected);
        }
        if (!IsValid(_validity, row))
        {
            ThrowNull(row);
        }
    }

    private void ThrowRow(int row) =>
        throw new ArgumentOutOfRangeException(nameof(row), row, $"the chunk has {RowCount} rows");

    private void ThrowType(DuckDbType expected) =>
        throw new InvalidOperationException($"the column is {Type}{(ElementType is { } e ? $"({e})" : "")}, not {expected}");

    private static void ThrowNull(int row) =>
        throw new InvalidOperationException($"row {row} is NULL");
}
