using System.Globalization;

namespace Pipeline.DuckDb.Parquet;

/// <summary>
/// Reads Parquet files through DuckDB: their schema, and their rows as JSON objects or text cells. Files are checked
/// for the Parquet magic bytes first, so a file that is not Parquet (or is cut short) gets a clear message.
/// </summary>
public static class ParquetFile
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>Throws unless <paramref name="path"/> exists and starts and ends with <c>PAR1</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated.</exception>
    public static void CheckMagic(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"file not found: {path}", path);
        }
        using var file = File.OpenRead(path);
        if (file.Length < 12)
        {
            throw new InvalidDataException($"{path}: not a Parquet file ({file.Length} bytes, too short for a header and a footer)");
        }
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        file.ReadExactly(head);
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(tail);
        if (!head.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a Parquet file (it does not start with PAR1)");
        }
        if (!tail.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: truncated or damaged Parquet file (it does not end with PAR1)");
        }
    }

    /// <summary>Reads the schema and layout of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated.</exception>
    /// <exception cref="DuckDbException">DuckDB could not read the footer (a damaged file).</exception>
    public static ParquetSchema ReadSchema(DuckDbConnection connection, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        CheckMagic(path);
        var file = DuckDbSql.Literal(path);
        long rows;
        long groups;
        string createdBy;
        using (var meta = connection.Query($"SELECT num_rows, num_row_groups, coalesce(created_by, '') FROM parquet_file_metadata({file})"))
        using (var chunk = meta.FetchChunk() ?? throw new DuckDbException($"{path}: no file metadata"))
        {
            rows = chunk.GetVector(0).GetInt64(0);
            groups = chunk.GetVector(1).GetInt64(0);
            createdBy = chunk.GetVector(2).GetString(0);
        }
        var physical = new Dictionary<string, (string Type, string Compression)>(StringComparer.Ordinal);
        using (var meta = connection.Query($"""
            SELECT path_in_schema, coalesce(any_value(type), ''), string_agg(DISTINCT compression, ',' ORDER BY compression)
            FROM parquet_metadata({file}) GROUP BY path_in_schema
            """))
        {
            while (meta.FetchChunk() is { } chunk)
            {
                using (chunk)
                {
                    for (var row = 0; row < chunk.RowCount; row++)
                    {
                        physical[chunk.GetVector(0).GetString(row)] =
                            (chunk.GetVector(1).GetString(row), chunk.GetVector(2).GetStringOrNull(row) ?? "");
                    }
                }
            }
        }
        var columns = new List<ParquetColumn>();
        using (var described = connection.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({file}))"))
        {
            while (described.FetchChunk() is { } chunk)
            {
                using (chunk)
                {
                    for (var row = 0; row < chunk.RowCount; row++)
                    {
                        var name = chunk.GetVector(0).GetString(row);
                        physical.TryGetValue(name, out var p);
                        columns.Add(new ParquetColumn(name, chunk.GetVector(1).GetString(row), p.Type ?? "", p.Compression ?? ""));
                    }
                }
            }
        }
        return new ParquetSchema(rows, groups, createdBy, columns);
    }

    /// <summary>
    /// The first <paramref name="limit"/> rows of <paramref name="path"/> (all when <c>null</c>), each as one JSON
    /// object (DuckDB's <c>to_json</c>), streamed chunk by chunk.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated.</exception>
    /// <exception cref="DuckDbException">DuckDB could not read the file (a damaged page, say).</exception>
    public static IEnumerable<string> ReadJsonRows(DuckDbConnection connection, string path, long? limit = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        CheckMagic(path);
        return Rows(connection, $"SELECT to_json(t)::VARCHAR FROM (SELECT * FROM read_parquet({DuckDbSql.Literal(path)}){Limit(limit)}) t", 1)
            .Select(static cells => cells[0]!);
    }

    /// <summary>
    /// The column names, then the first <paramref name="limit"/> rows with every value as DuckDB's text (<c>null</c>
    /// for NULL).
    /// </summary>
    /// <inheritdoc cref="ReadJsonRows" path="/exception"/>
    public static (IReadOnlyList<string> Names, IEnumerable<string?[]> Rows) ReadTextRows(DuckDbConnection connection, string path, long? limit = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var schema = ReadSchema(connection, path);
        var names = schema.Columns.Select(c => c.Name).ToList();
        var sql = $"SELECT COLUMNS(*)::VARCHAR FROM read_parquet({DuckDbSql.Literal(path)}){Limit(limit)}";
        return (names, Rows(connection, sql, names.Count));
    }

    private static string Limit(long? limit) =>
        limit is { } n ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {Math.Max(0, n)}") : "";

    private static IEnumerable<string?[]> Rows(DuckDbConnection connection, string sql, int columns)
    {
        using var result = connection.Query(sql);
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                var vectors = Enumerable.Range(0, columns).Select(chunk.GetVector).ToArray();
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    var cells = new string?[columns];
                    for (var c = 0; c < columns; c++)
                    {
                        cells[c] = vectors[c].GetStringOrNull(row);
                    }
                    yield return cells;
                }
            }
        }
    }
}
