using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.DuckDb;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

/// <summary><c>pipeline shard</c> through the CLI: shards, manifest, exit codes and messages, nothing partial.</summary>
public sealed class ShardCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Corpus(int documents, string? badLine = null, int badAt = -1)
    {
        var path = _dir.File("corpus.jsonl");
        using var writer = new StreamWriter(path);
        for (var i = 0; i < documents; i++)
        {
            writer.Write(i == badAt && badLine is not null
                ? badLine
                : JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = $"d{i}", ["title"] = $"title {i}", ["text"] = $"text of document {i}" }));
            writer.Write('\n');
        }
        return path;
    }

    [DuckDbFact]
    public void Shards_hold_every_document_once_and_the_manifest_describes_the_files_on_disk()
    {
        var corpus = Corpus(7);
        var output = _dir.File("shards");

        var (exit, _, error) = Run("shard", "--corpus", corpus, "--out", output, "--shard-docs", "3", "--quiet");

        Assert.Equal("", error);
        Assert.Equal(CliApp.Ok, exit);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
        var shards = manifest.RootElement.GetProperty("shards").EnumerateArray().ToList();
        Assert.Equal([3, 3, 1], shards.Select(s => s.GetProperty("documents").GetInt32()));
        Assert.Equal(7, manifest.RootElement.GetProperty("documents").GetInt32());
        foreach (var shard in shards)
        {
            var bytes = File.ReadAllBytes(Path.Combine(output, shard.GetProperty("file").GetString()!));
            Assert.Equal(bytes.LongLength, shard.GetProperty("bytes").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), shard.GetProperty("sha256").GetString());
        }
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        var glob = DuckDbSql.Literal(Path.Combine(output, "shard-*.parquet"));
        Assert.Equal(7L, Convert.ToInt64(connection.Scalar($"SELECT count(DISTINCT doc_id) FROM read_parquet({glob})"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(connection.Scalar(
            $"SELECT count(*) FROM read_parquet({glob}) WHERE text <> 'text of document ' || substr(doc_id, 2)"),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [DuckDbFact]
    public void A_malformed_line_fails_with_file_and_line_and_leaves_no_output()
    {
        var corpus = Corpus(5, badLine: "{\"_id\": \"d2\", \"text\": ", badAt: 2);
        var output = _dir.File("shards");

        var (exit, stdout, error) = Run("shard", "--corpus", corpus, "--out", output, "--quiet");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {corpus}:3: ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [DuckDbFact]
    public void A_duplicate_id_fails_by_default_naming_both_lines_and_leaves_no_output()
    {
        var corpus = Corpus(4, badLine: "{\"_id\": \"d0\", \"title\": \"again\", \"text\": \"a second d0\"}", badAt: 3);
        var output = _dir.File("shards");

        var (exit, _, error) = Run("shard", "--corpus", corpus, "--out", output, "--quiet");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {corpus}:4: duplicate doc id 'd0' (first at line 1)", error.TrimEnd());
        Assert.False(Directory.Exists(output));
    }

    [DuckDbFact]
    public void A_duplicate_id_is_skipped_and_reported_with_both_lines_when_asked_to_skip()
    {
        var corpus = Corpus(4, badLine: "{\"_id\": \"d0\", \"title\": \"again\", \"text\": \"a second d0\"}", badAt: 3);
        var output = _dir.File("shards");

        var (exit, _, error) = Run("shard", "--corpus", corpus, "--out", output, "--on-bad-record", "skip", "--quiet");

        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains($"skipped: {corpus}:4: duplicate doc id 'd0' (first at line 1)", error, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
        Assert.Equal(3, manifest.RootElement.GetProperty("documents").GetInt32());
        Assert.Equal(1, manifest.RootElement.GetProperty("duplicateRecords").GetInt32());
    }
    [DuckDbFact]
    public void The_duckdb_parser_and_the_reader_write_the_same_files()
    {
        var corpus = Corpus(2500);
        var fast = _dir.File("fast");
        var reader = _dir.File("reader");

        Assert.Equal(CliApp.Ok, Run("shard", "--corpus", corpus, "--out", fast, "--shard-docs", "1000", "--parser", "duckdb", "--threads", "2", "--quiet").Exit);
        Assert.Equal(CliApp.Ok, Run("shard", "--corpus", corpus, "--out", reader, "--shard-docs", "1000", "--parser", "reader", "--threads", "2", "--quiet").Exit);

        var names = Directory.GetFiles(fast).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["manifest.json", "shard-00000.parquet", "shard-00001.parquet", "shard-00002.parquet"], names);
        foreach (var name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(reader, name!)), File.ReadAllBytes(Path.Combine(fast, name!)));
        }
    }

    [DuckDbFact]
    public void A_fallback_to_the_reader_is_said_on_stderr_and_the_readers_error_follows()
    {
        var corpus = Corpus(5, badLine: "{\"_id\": \"d2\", \"text\": \"x\",}", badAt: 2);

        var (exit, _, error) = Run("shard", "--corpus", corpus, "--out", _dir.File("shards"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Contains($"shard: reading again with the line-numbered reader ({corpus}: line 3: a trailing comma)", error, StringComparison.Ordinal);
        Assert.Contains($"error: {corpus}:3: invalid JSON", error, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void With_the_duckdb_parser_a_file_it_cannot_read_exactly_is_bad_input()
    {
        var corpus = Corpus(5, badLine: "{\"_id\": \"d2\", \"text\": \"x\",}", badAt: 2);
        var output = _dir.File("shards");

        var (exit, _, error) = Run("shard", "--corpus", corpus, "--out", output, "--parser", "duckdb", "--quiet");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {corpus}: not read with the DuckDB parser: {corpus}: line 3: a trailing comma (the auto parser reads such a file with the line-numbered reader)", error.TrimEnd());
        Assert.False(Directory.Exists(output));
    }
}
