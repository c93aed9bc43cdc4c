using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Sharding;

/// <summary>
/// <c>manifest.json</c>: what was sharded, how, and the shards with their counts and checksums. It holds no
/// timestamps and no absolute paths, so the same input and options give the same bytes.
/// </summary>
/// <param name="SchemaVersion">The manifest layout version (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="SourceFile">The corpus file name (no directory).</param>
/// <param name="SourceBytes">The corpus file size.</param>
/// <param name="SourceSha256">SHA-256 of the corpus file, lower-case hex.</param>
/// <param name="Format">The input format (<c>jsonl</c>, <c>tsv</c>, <c>parquet</c>).</param>
/// <param name="Options">The options that shape the output, by name (strings and numbers as written).</param>
/// <param name="Documents">Documents written, over all shards.</param>
/// <param name="BadRecords">Records left out (skip mode).</param>
/// <param name="DuplicateRecords">Of <paramref name="BadRecords"/>, those left out for a duplicate id.</param>
/// <param name="DuckDbVersion">The DuckDB library that wrote the shards.</param>
/// <param name="Shards">The shards, in order.</param>
public sealed record ShardManifest(
    int SchemaVersion,
    string SourceFile,
    long SourceBytes,
    string SourceSha256,
    string Format,
    IReadOnlyList<KeyValuePair<string, string?>> Options,
    long Documents,
    long BadRecords,
    long DuplicateRecords,
    string DuckDbVersion,
    IReadOnlyList<ShardFile> Shards)
{
    /// <summary>The manifest layout this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The shards' columns, in order: <c>doc_id VARCHAR, title VARCHAR, text VARCHAR</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["doc_id", "title", "text"];

    /// <summary>The manifest as indented UTF-8 JSON with a final newline, keys in a fixed order.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteStartObject("source");
            json.WriteString("file", SourceFile);
            json.WriteNumber("bytes", SourceBytes);
            json.WriteString("sha256", SourceSha256);
            json.WriteString("format", Format);
            json.WriteEndObject();
            json.WriteStartObject("options");
            foreach (var (name, value) in Options)
            {
                if (value is null)
                {
                    json.WriteNull(name);
                }
                else if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumber(name, number);
                }
                else
                {
                    json.WriteString(name, value);
                }
            }
            json.WriteEndObject();
            json.WriteStartArray("columns");
            foreach (var column in Columns)
            {
                json.WriteStringValue(column);
            }
            json.WriteEndArray();
            json.WriteNumber("documents", Documents);
            json.WriteNumber("badRecords", BadRecords);
            json.WriteNumber("duplicateRecords", DuplicateRecords);
            json.WriteString("writer", "DuckDB " + DuckDbVersion);
            json.WriteStartArray("shards");
            foreach (var shard in Shards)
            {
                json.WriteStartObject();
                json.WriteString("file", shard.File);
                json.WriteNumber("documents", shard.Documents);
                json.WriteNumber("bytes", shard.Bytes);
                json.WriteString("sha256", shard.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The JSON as a string (for tests and logs).</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToJson());
}
