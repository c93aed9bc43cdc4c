using System.Text;
using Pipeline.DuckDb;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats;

namespace Pipeline.Sharding.Tests;

public sealed class CorpusSharderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteCorpus(string name, params string[] lines)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    private static string Doc(string id, string text, string title = "") =>
        $"{{\"_id\": \"{id}\", \"title\": \"{title}\", \"text\": \"{text}\"}}";

    [DuckDbFact]
    public void Documents_are_split_into_consecutive_shards_with_every_value_kept()
    {
        var corpus = WriteCorpus("c.jsonl", Enumerable.Range(0, 25).Select(i => Doc($"d{i}", $"text {i} — ünïcode", $"T{i}")).ToArray());

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { ShardDocs = 10 });

        Assert.Equal(["shard-00000.parquet", "shard-00001.parquet", "shard-00002.parquet"], result.Manifest.Shards.Select(s => s.File));
        Assert.Equal([10L, 10L, 5L], result.Manifest.Shards.Select(s => s.Documents));
        var all = result.Manifest.Shards.SelectMany(s => ShardReader.Read(Path.Combine(result.OutputDirectory, s.File))).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => ($"d{i}", $"T{i}", $"text {i} — ünïcode")), all);
        Assert.Equal(25, result.Manifest.Documents);
        Assert.Equal(
            [CorpusSharder.ManifestFileName, "shard-00000.parquet", "shard-00001.parquet", "shard-00002.parquet"],
            Directory.GetFiles(result.OutputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [DuckDbFact]
    public void A_shard_count_splits_into_near_equal_runs()
    {
        var corpus = WriteCorpus("c.tsv", Enumerable.Range(0, 10).Select(i => $"d{i}\ttext {i}").ToArray());

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { Shards = 3 });

        Assert.Equal([3L, 3L, 4L], result.Manifest.Shards.Select(s => s.Documents));
        Assert.Equal("d3", ShardReader.Read(Path.Combine(result.OutputDirectory, "shard-00001.parquet"))[0].DocId);
    }

    [DuckDbFact]
    public void The_same_input_and_options_give_byte_identical_output()
    {
        var corpus = WriteCorpus("c.jsonl", Enumerable.Range(0, 3000).Select(i => Doc($"d{i}", $"text number {i} " + new string('x', i % 50))).ToArray());

        var first = CorpusSharder.Shard(corpus, _dir.File("a"), new ShardOptions { ShardDocs = 1000 });
        var second = CorpusSharder.Shard(corpus, _dir.File("b"), new ShardOptions { ShardDocs = 1000 });

        foreach (var name in first.Manifest.Shards.Select(s => s.File).Append(CorpusSharder.ManifestFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.OutputDirectory, name)), File.ReadAllBytes(Path.Combine(second.OutputDirectory, name)));
        }
    }

    [DuckDbFact]
    public void The_manifest_records_sizes_and_checksums_of_the_files()
    {
        var corpus = WriteCorpus("c.jsonl", Doc("a", "one"), Doc("b", "two"));

        var result = CorpusSharder.Shard(corpus, _dir.File("out"));

        var shard = Assert.Single(result.Manifest.Shards);
        var path = Path.Combine(result.OutputDirectory, shard.File);
        Assert.Equal(new FileInfo(path).Length, shard.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), shard.Sha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(corpus))), result.Manifest.SourceSha256);
        Assert.Equal(File.ReadAllBytes(Path.Combine(result.OutputDirectory, "manifest.json")), result.Manifest.ToJson());
        Assert.DoesNotContain(_dir.Path, result.Manifest.ToString(), StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void In_fail_mode_a_bad_line_is_an_error_with_its_line_and_nothing_is_left_behind()
    {
        var corpus = WriteCorpus("c.jsonl", Doc("a", "one"), "{\"_id\": \"b\", \"text\": ", Doc("c", "three"));
        var output = _dir.File("out");

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(corpus, output));

        Assert.Equal(2, e.LineNumber);
        Assert.False(Directory.Exists(output));
        Assert.Equal(["c.jsonl"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [DuckDbFact]
    public void In_fail_mode_empty_text_is_an_error_with_its_line()
    {
        var corpus = WriteCorpus("c.jsonl", Doc("a", "one"), Doc("b", "  "));

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(corpus, _dir.File("out")));

        Assert.Equal($"{corpus}:2: empty text", e.Message);
    }

    [DuckDbFact]
    public void In_fail_mode_a_duplicate_id_is_reported_at_its_second_line()
    {
        var corpus = WriteCorpus("c.jsonl", Doc("a", "one"), Doc("b", "two"), Doc("c", "three"), Doc("b", "again"), Doc("a", "again"));

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(corpus, _dir.File("out")));

        Assert.Equal($"{corpus}:4: duplicate doc id 'b' (first at line 2)", e.Message);
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [DuckDbFact]
    public void In_skip_mode_bad_records_are_counted_reported_and_left_out()
    {
        var corpus = WriteCorpus("c.jsonl",
            Doc("a", "one"), "not json", Doc("b", ""), "{\"text\": \"no id\"}", Doc("a", "dup"), Doc("c", "three"), Doc("a", "dup2"));

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { OnBadRecord = BadRecordPolicy.Skip, ShardDocs = 1 });

        Assert.Equal(
            [
                new BadRecord(2, "invalid JSON at byte 2"), new BadRecord(3, "empty text"), new BadRecord(4, "missing id field '_id'"),
                new BadRecord(5, "duplicate doc id 'a' (first at line 1)"), new BadRecord(7, "duplicate doc id 'a' (first at line 1)"),
            ],
            result.BadRecords);
        Assert.Equal(5, result.Manifest.BadRecords);
        Assert.Equal(2, result.Manifest.DuplicateRecords);
        Assert.Equal([("a", "", "one")], ShardReader.Read(Path.Combine(result.OutputDirectory, "shard-00000.parquet")));
        Assert.Equal([("c", "", "three")], ShardReader.Read(Path.Combine(result.OutputDirectory, "shard-00001.parquet")));
        Assert.Equal(2, result.Manifest.Shards.Count);
    }

    [DuckDbFact]
    public void Parquet_input_is_resharded_with_its_values()
    {
        var corpus = WriteCorpus("c.jsonl", Enumerable.Range(0, 7).Select(i => Doc($"d{i}", $"text {i}", $"T{i}")).ToArray());
        var first = CorpusSharder.Shard(corpus, _dir.File("first"));

        var again = CorpusSharder.Shard(Path.Combine(first.OutputDirectory, "shard-00000.parquet"), _dir.File("again"), new ShardOptions { Shards = 2 });

        Assert.Equal("parquet", again.Manifest.Format);
        Assert.Equal(
            Enumerable.Range(0, 7).Select(i => ($"d{i}", $"T{i}", $"text {i}")),
            again.Manifest.Shards.SelectMany(s => ShardReader.Read(Path.Combine(again.OutputDirectory, s.File))));
    }

    [DuckDbFact]
    public void A_non_empty_output_directory_is_refused()
    {
        var corpus = WriteCorpus("c.jsonl", Doc("a", "one"));
        Directory.CreateDirectory(_dir.File("out"));
        File.WriteAllText(_dir.File("out/keep.txt"), "mine");

        Assert.Throws<IOException>(() => CorpusSharder.Shard(corpus, _dir.File("out")));
        Assert.Equal("mine", File.ReadAllText(_dir.File("out/keep.txt")));
    }

    [DuckDbFact]
    public void A_damaged_parquet_input_is_a_duckdb_input_error()
    {
        var path = _dir.File("bad.parquet");
        File.WriteAllBytes(path, [.. "PAR1"u8, .. new byte[100], .. "PAR1"u8]);

        var e = Assert.Throws<DuckDbException>(() => CorpusSharder.Shard(path, _dir.File("out")));

        Assert.True(e.IsInputError, $"{e.ErrorType}: {e.Message}");
        Assert.False(Directory.Exists(_dir.File("out")));
    }
}
