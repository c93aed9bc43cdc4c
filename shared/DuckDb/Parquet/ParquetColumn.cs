namespace Pipeline.DuckDb.Parquet;

/// <summary>A column of a Parquet file.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">DuckDB's logical type for it (<c>VARCHAR</c>, <c>FLOAT[384]</c>...).</param>
/// <param name="PhysicalType">The Parquet physical type (<c>BYTE_ARRAY</c>...); empty for nested columns.</param>
/// <param name="Compression">The codecs of its column chunks (<c>ZSTD</c>, or several joined by commas).</param>
public sealed record ParquetColumn(string Name, string Type, string PhysicalType, string Compression);
