using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.DuckDb;
using Pipeline.DuckDb.Parquet;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;

namespace Pipeline.Sharding;

/// <summary>
/// Reads back what <see cref="CorpusSharder"/> wrote: the shard list of <c>manifest.json</c> (in manifest order), each
/// shard checked against its manifest entry (size, SHA-256), and a shard's documents streamed chunk by chunk through
/// DuckDB.
/// </summary>
public static class ShardReader
{
    /// <summary>Reads the shard list of <c>manifest.json</c> in <paramref name="directory"/>, in manifest order.</summary>
    /// <exception cref="InputFormatException">There is no manifest, or it is not one this code wrote.</exception>
    public static IReadOnlyList<ShardFile> ReadManifest(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, CorpusSharder.ManifestFileName);
        if (!File.Exists(path))
        {
            throw new InputFormatException(path, 0, "no manifest.json: not a directory written by 'pipeline shard'");
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            var version = root.GetProperty("schemaVersion").GetInt32();
            if (version != ShardManifest.CurrentSchemaVersion)
            {
                throw new InputFormatException(path, 0, $"manifest schema version {version}; this build reads {ShardManifest.CurrentSchemaVersion}");
            }
            var shards = new List<ShardFile>();
            foreach (var shard in root.GetProperty("shards").EnumerateArray())
            {
                var file = shard.GetProperty("file").GetString() ?? "";
                if (file.Length == 0 || Path.GetFileName(file) != file)
                {
                    throw new InputFormatException(path, 0, $"shard file name '{file}' is not a plain file name");
                }
                shards.Add(new ShardFile(file, shard.GetProperty("documents").GetInt64(), shard.GetProperty("bytes").GetInt64(),
                    shard.GetProperty("sha256").GetString() ?? ""));
            }
            if (shards.Count == 0)
            {
                throw new InputFormatException(path, 0, "the manifest lists no shard");
            }
            return shards;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputFormatException(path, 0, $"not a valid manifest ({e.Message})", e);
        }
    }

    /// <summary>Throws unless the shard file exists with the size and SHA-256 that the manifest records.</summary>
    /// <exception cref="InvalidDataException">The file is missing, or differs from its manifest entry.</exception>
    public static void Verify(string directory, ShardFile shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var path = Path.Combine(directory, shard.File);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: listed in manifest.json but missing");
        }
        using var stream = File.OpenRead(path);
        if (stream.Length != shard.Bytes)
        {
            throw new InvalidDataException($"{path}: {stream.Length} bytes, manifest.json says {shard.Bytes} (damaged or replaced)");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(hash, shard.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: SHA-256 {hash} differs from manifest.json's {shard.Sha256} (damaged or replaced)");
        }
    }

    /// <summary>
    /// The documents of one Parquet shard (<c>doc_id, title, text</c>), in file order, streamed one DuckDB chunk at a
    /// time. A NULL title or text reads as empty; a NULL or empty id is an error.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated (on enumeration).</exception>
    /// <exception cref="DuckDbException">DuckDB could not read the file, or it lacks a column (on enumeration).</exception>
    /// <exception cref="InputFormatException">A document without an id (on enumeration).</exception>
    public static IEnumerable<CorpusDocument> ReadDocuments(DuckDbConnection connection, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(connection, path);
    }

    /// <summary>
    /// The documents of the shard at <paramref name="path"/> whose ids are in <paramref name="docIds"/> (in file order);
    /// DuckDB filters while it scans, so only those rows' texts are decoded.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated (on enumeration).</exception>
    /// <exception cref="DuckDbException">DuckDB could not read the file, or it lacks a column (on enumeration).</exception>
    public static IEnumerable<CorpusDocument> ReadDocuments(DuckDbConnection connection, string path, IReadOnlyCollection<string> docIds)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(docIds);
        return docIds.Count == 0 ? [] : Read(connection, path, " WHERE doc_id IN (" + string.Join(", ", docIds.Select(DuckDbSql.Literal)) + ")");
    }

    private static IEnumerable<CorpusDocument> Read(DuckDbConnection connection, string path, string filter = "")
    {
        ParquetFile.CheckMagic(path);
        using var result = connection.Query($"SELECT doc_id, title, text FROM read_parquet({DuckDbSql.Literal(path)}){filter}");
        long row = 0;
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                var ids = chunk.GetVector(0);
                var titles = chunk.GetVector(1);
                var texts = chunk.GetVector(2);
                for (var i = 0; i < chunk.RowCount; i++, row++)
                {
                    var id = ids.GetStringOrNull(i);
                    if (string.IsNullOrEmpty(id))
                    {
                        throw new InputFormatException(path, 0, $"row {row + 1} has no doc_id");
                    }
                    yield return new CorpusDocument(id, titles.GetStringOrNull(i) ?? "", texts.GetStringOrNull(i) ?? "");
                }
            }
        }
    }
}
