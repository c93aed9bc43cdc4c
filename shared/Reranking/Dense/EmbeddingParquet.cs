using System.Globalization;
using System.Text;
using Pipeline.DuckDb;

namespace Pipeline.Reranking.Dense;

/// <summary>
/// Document embeddings as a Parquet file with two columns, <c>doc_id VARCHAR</c> and <c>embedding FLOAT[dim]</c>, written and
/// read through DuckDB. Floats go through their shortest round-trip text, so what is read back equals what was written.
/// </summary>
public static class EmbeddingParquet
{
    /// <summary>Writes the embeddings (all of one dimension) to <paramref name="path"/>, replacing it.</summary>
    /// <returns>The number of rows written.</returns>
    public static long Write(string path, IEnumerable<(string DocId, float[] Vector)> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rows);
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        connection.Execute("CREATE TABLE embeddings (doc_id VARCHAR NOT NULL, embedding VARCHAR NOT NULL)");
        var dim = -1;
        long count = 0;
        using (var appender = connection.CreateAppender("embeddings"))
        {
            var text = new StringBuilder();
            foreach (var (docId, vector) in rows)
            {
                if (dim < 0)
                {
                    dim = vector.Length;
                }
                else if (vector.Length != dim)
                {
                    throw new ArgumentException($"embedding of '{docId}' has {vector.Length} values, the first had {dim}", nameof(rows));
                }
                text.Clear().Append('[');
                for (var i = 0; i < vector.Length; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append(vector[i].ToString("R", CultureInfo.InvariantCulture));
                }
                appender.Append(docId).Append(text.Append(']').ToString()).EndRow();
                count++;
            }
            appender.Close();
        }
        if (dim < 1)
        {
            throw new ArgumentException("no embeddings to write", nameof(rows));
        }
        connection.Execute(string.Create(CultureInfo.InvariantCulture,
            $"COPY (SELECT doc_id, CAST(embedding AS FLOAT[{dim}]) AS embedding FROM embeddings) TO {DuckDbSql.Literal(path)} (FORMAT parquet)"));
        return count;
    }

    /// <summary>Reads a file written by <see cref="Write"/>: the ids in file order and their vectors as one row-major matrix.</summary>
    public static (List<string> DocIds, float[] Matrix, int Dimension) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        var source = $"read_parquet({DuckDbSql.Literal(path)})";
        // Parquet has no fixed-size arrays: DuckDB reads FLOAT[dim] back as a list, so cast it to the first row's length
        // (a row of another length then fails the cast).
        var dim = Convert.ToInt32(connection.Scalar($"SELECT len(embedding) FROM {source} LIMIT 1") ?? 0, CultureInfo.InvariantCulture);
        if (dim < 1)
        {
            return ([], [], 0);
        }
        using var result = connection.Query(string.Create(CultureInfo.InvariantCulture, $"SELECT doc_id, CAST(embedding AS FLOAT[{dim}]) FROM {source}"));
        var ids = new List<string>();
        var values = new List<float>();
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                var idVector = chunk.GetVector(0);
                var embeddingVector = chunk.GetVector(1);
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    ids.Add(idVector.GetString(row));
                    values.AddRange(embeddingVector.GetFloatArray(row));
                }
            }
        }
        return (ids, values.ToArray(), dim);
    }
}
