namespace Pipeline.DuckDb.Parquet;

/// <summary>The schema and layout of a Parquet file.</summary>
/// <param name="Rows">Rows in the file.</param>
/// <param name="RowGroups">Row groups in the file.</param>
/// <param name="CreatedBy">The writer named in the footer (may be empty).</param>
/// <param name="Columns">The top-level columns, in order.</param>
public sealed record ParquetSchema(long Rows, long RowGroups, string CreatedBy, IReadOnlyList<ParquetColumn> Columns);
