namespace Pipeline.DuckDb;

/// <summary>DuckDB's type ids (<c>duckdb_type</c>); values as in the C API. Types not listed keep their number.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The members are DuckDB's SQL type names.")]
public enum DuckDbType
{
    /// <summary>No type.</summary>
    Invalid = 0,
    /// <summary>BOOLEAN (one byte).</summary>
    Boolean = 1,
    /// <summary>TINYINT (int8).</summary>
    TinyInt = 2,
    /// <summary>SMALLINT (int16).</summary>
    SmallInt = 3,
    /// <summary>INTEGER (int32).</summary>
    Integer = 4,
    /// <summary>BIGINT (int64).</summary>
    BigInt = 5,
    /// <summary>UTINYINT (uint8).</summary>
    UTinyInt = 6,
    /// <summary>USMALLINT (uint16).</summary>
    USmallInt = 7,
    /// <summary>UINTEGER (uint32).</summary>
    UInteger = 8,
    /// <summary>UBIGINT (uint64).</summary>
    UBigInt = 9,
    /// <summary>FLOAT (single precision).</summary>
    Float = 10,
    /// <summary>DOUBLE.</summary>
    Double = 11,
    /// <summary>TIMESTAMP (microseconds).</summary>
    Timestamp = 12,
    /// <summary>DATE (days).</summary>
    Date = 13,
    /// <summary>TIME (microseconds).</summary>
    Time = 14,
    /// <summary>INTERVAL.</summary>
    Interval = 15,
    /// <summary>HUGEINT (int128).</summary>
    HugeInt = 16,
    /// <summary>VARCHAR (UTF-8).</summary>
    Varchar = 17,
    /// <summary>BLOB.</summary>
    Blob = 18,
    /// <summary>DECIMAL.</summary>
    Decimal = 19,
    /// <summary>LIST (variable length).</summary>
    List = 24,
    /// <summary>STRUCT.</summary>
    Struct = 25,
    /// <summary>MAP.</summary>
    Map = 26,
    /// <summary>UUID.</summary>
    Uuid = 27,
    /// <summary>ARRAY (fixed length, e.g. <c>FLOAT[384]</c>).</summary>
    Array = 33,
}
