using System.IO.Compression;
using System.Text;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats;

namespace Pipeline.Sharding.Tests;

/// <summary>
/// Whatever the DuckDB fast path cannot read exactly as the reader does — bad records of every kind, and valid JSON
/// that DuckDB would read differently — goes back to the reader, which starts over: the error (fail mode) or the
/// shards, bad-record report and counts (skip mode) are exactly the reader's, and nothing of the attempt is left.
/// </summary>
public sealed class FastPathFallbackTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ParserEquivalence _check;

    public FastPathFallbackTests() => _check = new ParserEquivalence(_dir);

    public void Dispose() => _dir.Dispose();

    private const string Good1 = """{"_id": "a", "title": "A", "text": "first"}""";
    private const string Good2 = """{"_id": "b", "title": "B", "text": "second"}""";
    private const string Good3 = """{"_id": "c", "title": "C", "text": "third"}""";

    /// <summary>Bad records the reader reports, each as line 2 of a three-line corpus; the reason DuckDB's path gives way.</summary>
    public static TheoryData<string, string> BadRecords => new()
    {
        { "invalid-json", """{"_id": "x", "text": """ },
        { "not-json", "not json at all" },
        { "array", """["_id", "x", "text", "y"]""" },
        { "number", "42" },
        { "string", "\"a string\"" },
        { "null", "null" },
        { "empty-object", "{}" },
        { "missing-id", """{"title": "t", "text": "no id"}""" },
        { "null-id", """{"_id": null, "text": "null id"}""" },
        { "empty-id", """{"_id": "", "text": "empty id"}""" },
        { "id-with-space", """{"_id": "x y", "text": "space in the id"}""" },
        { "id-with-no-break-space", "{\"_id\": \"x\u00a0y\", \"text\": \"no-break space in the id\"}" },
        { "id-with-ideographic-space", "{\"_id\": \"x\u3000y\", \"text\": \"ideographic space in the id\"}" },
        { "id-with-escaped-tab", """{"_id": "x\ty", "text": "an escaped tab in the id"}""" },
        { "float-id", """{"_id": 1.0, "text": "a float id"}""" },
        { "exponent-id", """{"_id": 1e5, "text": "an exponent id"}""" },
        { "minus-zero-id", """{"_id": -0, "text": "DuckDB reads this id as 0"}""" },
        { "boolean-id", """{"_id": true, "text": "a boolean id"}""" },
        { "object-id", """{"_id": {"v": 1}, "text": "an object id"}""" },
        { "missing-text", """{"_id": "x", "title": "no text"}""" },
        { "null-text", """{"_id": "x", "text": null}""" },
        { "number-text", """{"_id": "x", "text": 42}""" },
        { "object-text", """{"_id": "x", "text": {"a": 1}}""" },
        { "array-text", """{"_id": "x", "text": ["a"]}""" },
        { "number-title", """{"_id": "x", "title": 5, "text": "a number title"}""" },
        { "boolean-title", """{"_id": "x", "title": false, "text": "a boolean title"}""" },
        { "empty-text", """{"_id": "x", "text": ""}""" },
        { "blank-text", """{"_id": "x", "text": " \t\n\r "}""" },
        { "unicode-blank-text", "{\"_id\": \"x\", \"text\": \"\u3000\u2028\u00a0\u0085\u2003\"}" },
        { "duplicate-id-field", """{"_id": "x", "_id": "y", "text": "two ids"}""" },
        { "duplicate-text-field", """{"_id": "x", "text": "one", "text": "two"}""" },
        { "duplicate-title-field", """{"_id": "x", "title": null, "title": "t", "text": "two titles"}""" },
        { "trailing-comma", """{"_id": "x", "text": "y",}""" },
        { "trailing-comma-in-extra-field", """{"_id": "x", "text": "y", "tags": [1, 2,]}""" },
        { "nan", """{"_id": "x", "text": "y", "score": NaN}""" },
        { "infinity", """{"_id": "x", "text": "y", "score": -Infinity}""" },
        { "too-deep", """{"_id": "x", "text": "y", "deep": """ + new string('[', 64) + new string(']', 64) + "}" },
        { "comment", """{"_id": "x", /* note */ "text": "y"}""" },
        { "content-after-the-object", """{"_id": "x", "text": "y"} {"_id": "z", "text": "w"}""" },
        { "single-quotes", "{'_id': 'x', 'text': 'y'}" },
        { "lone-surrogate-in-text", """{"_id": "x", "text": "half \ud800 a pair"}""" },
        { "raw-tab-in-text", "{\"_id\": \"x\", \"text\": \"raw\ttab\"}" },
        { "leading-zero", """{"_id": "x", "text": "y", "n": 01}""" },
    };

    private string Corpus(string line2) => _check.WriteCorpus("c.jsonl", Good1 + "\n" + line2 + "\n" + Good3 + "\n");

    [DuckDbTheory]
    [MemberData(nameof(BadRecords))]
    public void In_fail_mode_a_bad_record_gives_the_readers_error(string kind, string line)
    {
        var reason = _check.AssertFallsBackToTheSameOutcome(Corpus(line));

        Assert.False(string.IsNullOrWhiteSpace(reason), kind);
    }

    [DuckDbTheory]
    [MemberData(nameof(BadRecords))]
    public void In_skip_mode_a_bad_record_gives_the_readers_shards_and_report(string kind, string line)
    {
        var reason = _check.AssertFallsBackToTheSameOutcome(Corpus(line), new ShardOptions { OnBadRecord = BadRecordPolicy.Skip, ShardDocs = 2 });

        Assert.False(string.IsNullOrWhiteSpace(reason), kind);
    }

    [DuckDbTheory]
    [InlineData(BadRecordPolicy.Fail)]
    [InlineData(BadRecordPolicy.Skip)]
    public void Invalid_utf8_gives_the_readers_outcome(BadRecordPolicy policy)
    {
        var corpus = _check.WriteCorpus("c.jsonl", [.. Encoding.UTF8.GetBytes(Good1 + "\n{\"_id\": \"x\", \"text\": \"bad "), 0xC3, 0x28,
            .. Encoding.UTF8.GetBytes("\"}\n{\"_id\": \"y\", \"text\": \"in an extra field\", \"z\": \""), 0xFF, .. Encoding.UTF8.GetBytes("\"}\n" + Good3 + "\n")]);

        var reason = _check.AssertFallsBackToTheSameOutcome(corpus, new ShardOptions { OnBadRecord = policy });

        Assert.Contains("invalid UTF-8", reason, StringComparison.Ordinal);
    }

    [DuckDbTheory]
    [InlineData(BadRecordPolicy.Fail, 1, 60)]
    [InlineData(BadRecordPolicy.Skip, 1, 60)]
    [InlineData(BadRecordPolicy.Skip, 2, 60)]
    [InlineData(BadRecordPolicy.Fail, 3000, 6000)]
    [InlineData(BadRecordPolicy.Skip, 3000, 6000)]
    public void Duplicate_ids_give_the_readers_outcome(BadRecordPolicy policy, long shardDocs, int documents)
    {
        // Duplicates within a shard and across shards, far apart.
        var lines = Enumerable.Range(0, documents).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"text {i}\"}}").ToList();
        lines[10] = """{"_id": "d3", "text": "again"}""";
        lines[documents * 5 / 6] = """{"_id": "d3", "text": "and again"}""";
        lines[documents - 1] = $"{{\"_id\": \"d{(documents * 5 / 6) - 1}\", \"text\": \"the one before\"}}";
        var corpus = _check.WriteCorpus("c.jsonl", string.Join("\n", lines) + "\n");

        var reason = _check.AssertFallsBackToTheSameOutcome(corpus, new ShardOptions { OnBadRecord = policy, ShardDocs = shardDocs });

        Assert.Contains("duplicate", reason, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void A_hash_collision_falls_back_and_gives_the_readers_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", string.Join("\n", Enumerable.Range(0, 50).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"t\"}}")) + "\n");

        var reason = _check.AssertFallsBackToTheSameOutcome(corpus, new ShardOptions { ShardDocs = 7 }, _ => 7);

        Assert.Contains("hash", reason, StringComparison.Ordinal);
    }

    [DuckDbTheory]
    [InlineData("escaped-key", """{"\u005fid": "x", "text": "an escaped field name the screen does not decode"}""")]
    [InlineData("lone-surrogate-in-extra-field", """{"_id": "x", "text": "y", "note": "\ud800"}""")]
    public void Valid_lines_duckdb_reads_otherwise_fall_back_and_give_the_readers_shards(string kind, string line)
    {
        var reason = _check.AssertFallsBackToTheSameOutcome(Corpus(line));

        Assert.False(string.IsNullOrWhiteSpace(reason), kind);
    }

    [DuckDbFact]
    public void A_lone_cr_between_two_objects_gives_the_readers_error()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Good1 + "\r" + Good2 + "\n");

        _check.AssertFallsBackToTheSameOutcome(corpus);
    }

    [DuckDbTheory]
    [InlineData("empty", "")]
    [InlineData("blank-lines-only", "\n \n\t\n")]
    public void A_corpus_without_documents_gives_the_readers_error(string kind, string content)
    {
        var reason = _check.AssertFallsBackToTheSameOutcome(_check.WriteCorpus($"{kind}.jsonl", content));

        Assert.Contains("no documents", reason, StringComparison.Ordinal);
    }

    [DuckDbTheory]
    [InlineData("truncated")]
    [InlineData("bad-crc")]
    [InlineData("bytes-appended")]
    public void Damaged_gzip_that_duckdb_reads_without_complaint_gives_the_readers_error(string damage)
    {
        var content = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"text {i}\"}}")) + "\n");
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }
        var bytes = buffer.ToArray();
        bytes = damage switch
        {
            "truncated" => bytes[..^4], // the length field of the trailer cut off: DuckDB still reads every line
            "bad-crc" => [.. bytes[..^8], (byte)(bytes[^8] ^ 0xFF), .. bytes[^7..]],
            _ => [.. bytes, .. "junk"u8],
        };
        var corpus = _dir.File("c.jsonl.gz");
        File.WriteAllBytes(corpus, bytes);

        _check.AssertFallsBackToTheSameOutcome(corpus);
    }

    [DuckDbFact]
    public void A_file_named_jsonl_that_holds_gzip_is_read_by_both_from_its_magic_bytes()
    {
        // The reader detects gzip by its magic bytes; so does the fast path, which names the compression to DuckDB.
        var corpus = _dir.File("c.jsonl");
        using (var gzip = new GZipStream(File.Create(corpus), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Good1 + "\n" + Good2 + "\n"));
        }

        var result = _check.AssertSameShards(corpus);

        Assert.Equal(2, result.Manifest.Documents);
    }

    [DuckDbFact]
    public void A_path_with_glob_characters_is_left_to_the_reader()
    {
        var corpus = _check.WriteCorpus("c[1].jsonl", Good1 + "\n" + Good2 + "\n");
        _check.WriteCorpus("c1.jsonl", Good3 + "\n"); // what DuckDB's glob would read instead

        var reason = _check.AssertFallsBackToTheSameOutcome(corpus);

        Assert.Contains("glob", reason, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void A_line_longer_than_duckdbs_object_limit_falls_back_and_gives_the_readers_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Good1 + "\n{\"_id\": \"long\", \"text\": \"" + new string('w', JsonLineScreen.MaxLineBytes) + "\"}\n");

        var reason = _check.AssertFallsBackToTheSameOutcome(corpus);

        Assert.Contains("longer than", reason, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void With_the_duckdb_parser_a_file_the_fast_path_cannot_read_is_an_error()
    {
        var corpus = Corpus("""{"_id": "x", "text": "y",}""");
        var output = _dir.File("out");

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(corpus, output, new ShardOptions { Parser = ShardParser.DuckDb }));

        Assert.Equal($"{corpus}: not read with the DuckDB parser: {corpus}: line 2: a trailing comma (the auto parser reads such a file with the line-numbered reader)", e.Message);
        Assert.False(Directory.Exists(output));
    }

    [DuckDbFact]
    public void Tsv_and_parquet_inputs_ignore_the_parser_choice()
    {
        var tsv = _check.WriteCorpus("c.tsv", "a\tfirst\nb\tsecond\n");

        var fromTsv = _check.Shard(tsv, new ShardOptions { Parser = ShardParser.DuckDb });
        var fromParquet = _check.Shard(Path.Combine(fromTsv.OutputDirectory, "shard-00000.parquet"), new ShardOptions { Parser = ShardParser.Reader });

        Assert.Equal(ShardParser.Reader, fromTsv.Parser);
        Assert.Equal(ShardParser.DuckDb, fromParquet.Parser);
        Assert.Equal(2, fromParquet.Manifest.Documents);
    }
}
