using System.Globalization;
using System.Text;
using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.Sharding.Tests;

/// <summary>
/// The DuckDB fast path writes the same bytes as the line-numbered reader (shards and manifest) on valid corpora of
/// every shape the reader accepts.
/// </summary>
public sealed class FastPathEquivalenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ParserEquivalence _check;

    public FastPathEquivalenceTests() => _check = new ParserEquivalence(_dir);

    public void Dispose() => _dir.Dispose();

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private static string Doc(int i, string text, string title = "") =>
        $"{{\"_id\": \"d{i}\", \"title\": \"{title}\", \"text\": \"{text}\"}}";

    [DuckDbFact]
    public void Unicode_in_every_field_gives_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            "{\"_id\": \"é-1\", \"title\": \"Ünïcödé — naïve café\", \"text\": \"日本語のテキスト、中文文本，한국어 텍스트\"}",
            "{\"_id\": \"emoji-😀\", \"title\": \"🧬🔬\", \"text\": \"DNA 🧬 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ok\"}",
            "{\"_id\": \"rtl\", \"title\": \"עברית\", \"text\": \"العربية مع combining e\u0301 and zero\u200bwidth\"}",
            "{\"_id\": \"nbsp\", \"title\": \"\", \"text\": \"a no-break\u00a0space\"}",
            "{\"_id\": \"ws\", \"title\": \" \", \"text\": \"\u3000 ideographic space around \u3000\"}",
            "{\"_id\": \"zwsp\", \"title\": \"\", \"text\": \"\u200b\"}",
        ]));

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void Json_escapes_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            """{"_id": "esc-1", "title": "quote \" backslash \\ slash \/", "text": "line\nbreak\ttab\rcr\bback\fform"}""",
            """{"_id": "esc-2", "title": "\u00e9\u00E9", "text": "caf\u00e9 and \u4e2d\u6587"}""",
            """{"_id": "esc-3", "title": "pair", "text": "astral \ud83d\ude00 via a surrogate pair"}""",
            """{"_id": "esc-\u0041", "title": "", "text": "an escaped id"}""",
            """{"_id": "nul", "title": "n\u0000l", "text": "a NUL \u0000 inside"}""",
            """{"_id": "ctl", "title": "", "text": "\u0001\u001f\u007f controls, escaped"}""",
        ]));

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void Long_texts_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, 40).Select(i =>
            Doc(i, string.Concat(Enumerable.Repeat($"word{i} ünï \\\"q\\\" ", 2000 + (i * 997))), $"title {i}"))));

        _check.AssertSameShards(corpus, new ShardOptions { ShardDocs = 7 });
    }

    [DuckDbFact]
    public void Empty_null_and_missing_titles_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            """{"_id": "a", "title": "", "text": "empty title"}""",
            """{"_id": "b", "title": null, "text": "null title"}""",
            """{"_id": "c", "text": "no title"}""",
            """{"text": "title after the id", "_id": "d", "title": "late"}""",
        ]));

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void Extra_fields_of_every_kind_are_ignored_alike()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            """{"meta": {"_id": "nested", "text": 5, "deep": [[[{"a": null}]]]}, "_id": "a", "text": "x", "n": -1.5e-3}""",
            """{"_id": "b", "tags": ["t1", 2, true, false, null, {"k": "v"}], "text": "y", "empty": {}, "none": []}""",
            """{"_id": "c", "text": "z", "dup": 1, "dup": 2, "title": "t", "big": 123456789012345678901234567890e999}""",
            """  {  "_id" : "e" ,	"text" : "spaces and tabs between tokens" }  """,
            "{\"_id\": \"f\",\r\"text\": \"a lone CR between tokens\"\r}",
        ]));

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void Numeric_ids_and_ids_that_look_numeric_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            """{"_id": 0, "text": "zero"}""",
            """{"_id": 42, "text": "an integer"}""",
            """{"_id": -7, "text": "a negative integer"}""",
            """{"_id": 18446744073709551615, "text": "the largest uint64"}""",
            """{"_id": -9223372036854775808, "text": "the smallest int64"}""",
            """{"_id": 123456789012345678901234567890, "text": "past 64 bits"}""",
            """{"_id": "007", "text": "leading zeros in a string"}""",
            """{"_id": "1e5", "text": "an exponent in a string"}""",
            """{"_id": "-0", "text": "minus zero in a string"}""",
        ]));

        var result = _check.AssertSameShards(corpus);

        Assert.Equal(
            ["0", "42", "-7", "18446744073709551615", "-9223372036854775808", "123456789012345678901234567890", "007", "1e5", "-0"],
            ShardReader.Read(Path.Combine(result.OutputDirectory, "shard-00000.parquet")).Select(d => d.DocId));
    }

    [DuckDbFact]
    public void Gzip_input_gives_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl.gz", Lines(Enumerable.Range(0, 5000).Select(i => Doc(i, $"text {i} ü", $"T{i}"))));

        _check.AssertSameShards(corpus, new ShardOptions { ShardDocs = 2000 });
    }

    [DuckDbFact]
    public void Gzip_input_with_several_members_gives_the_same_shards()
    {
        var first = Encoding.UTF8.GetBytes(Lines(Enumerable.Range(0, 3000).Select(i => Doc(i, $"first {i}"))));
        var second = Encoding.UTF8.GetBytes(Lines(Enumerable.Range(3000, 3000).Select(i => Doc(i, $"second {i}"))));
        var a = _check.WriteCorpus("a.jsonl.gz", first);
        var b = _check.WriteCorpus("b.jsonl.gz", second);
        var corpus = _dir.File("c.jsonl.gz");
        File.WriteAllBytes(corpus, [.. File.ReadAllBytes(a), .. File.ReadAllBytes(b)]);

        _check.AssertSameShards(corpus, new ShardOptions { ShardDocs = 2500 });
    }

    [DuckDbTheory]
    [InlineData(1, 10)]
    [InlineData(3, 10)]
    [InlineData(7, 5000)]
    [InlineData(5, 3)] // more shards than documents: some shards are empty
    public void A_shard_count_gives_the_same_shards(int shards, int documents)
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, documents).Select(i => Doc(i, $"text {i}"))));

        var result = _check.AssertSameShards(corpus, new ShardOptions { Shards = shards });

        Assert.Equal(shards, result.Manifest.Shards.Count);
        Assert.Equal(documents, result.Manifest.Documents);
    }

    [DuckDbTheory]
    [InlineData(1, 5)]
    [InlineData(1000, 2500)]
    [InlineData(2048, 4097)]
    [InlineData(3000, 7001)] // shards of more than one chunk, not chunk-aligned, a partial last shard
    [InlineData(100_000, 12_345)]
    public void Documents_per_shard_give_the_same_shards(long shardDocs, int documents)
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, documents).Select(i => Doc(i, $"text {i} " + new string('x', i % 97), $"T{i % 13}"))));

        var result = _check.AssertSameShards(corpus, new ShardOptions { ShardDocs = shardDocs });

        Assert.Equal((documents + shardDocs - 1) / shardDocs, result.Manifest.Shards.Count);
    }

    [DuckDbFact]
    public void Row_group_size_compression_level_and_skip_mode_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, 9000).Select(i => Doc(i, $"text {i} " + new string('y', i % 61)))));

        _check.AssertSameShards(corpus, new ShardOptions
        {
            ShardDocs = 4500,
            RowGroupSize = 1000,
            CompressionLevel = 9,
            OnBadRecord = BadRecordPolicy.Skip,
        });
    }

    [DuckDbTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Any_thread_count_gives_the_same_shards(int threads)
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, 30_000).Select(i => Doc(i, $"text {i} " + new string('z', i % 200)))));

        // Row groups of 1,000 (2,048 as DuckDB forms them): several per shard, so their composition is compared too.
        _check.AssertSameShards(corpus, new ShardOptions { ShardDocs = 7000, Threads = threads, RowGroupSize = 1000 });
    }

    [DuckDbTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Parquet_input_gives_the_shards_of_the_same_documents_as_json_lines_at_any_thread_count(int threads)
    {
        // The same 30,000 documents as JSON lines and as a Parquet file of another shape (row groups of 3,000, other
        // column order, an extra column, and 50 records the skip mode leaves out): the shards must be the same bytes.
        var docs = Enumerable.Range(0, 30_000).Select(i => (Id: $"d{i}", Title: $"T{i % 13}", Text: $"text {i} " + new string('z', i % 200))).ToList();
        var json = _check.WriteCorpus("c.jsonl", Lines(docs.Select(d => $"{{\"_id\": \"{d.Id}\", \"title\": \"{d.Title}\", \"text\": \"{d.Text}\"}}")));
        var parquet = _dir.File("c.parquet");
        using (var db = Pipeline.DuckDb.DuckDbDatabase.OpenInMemory(new Pipeline.DuckDb.DuckDbSettings { Threads = 1 }))
        using (var connection = db.Connect())
        {
            connection.Execute($$"""
                CREATE TABLE docs AS SELECT * FROM read_json({{Pipeline.DuckDb.DuckDbSql.Literal(json)}}, format = 'newline_delimited',
                    columns = {"_id": 'VARCHAR', title: 'VARCHAR', text: 'VARCHAR'})
                """);
            connection.Execute($"""
                COPY (SELECT text, n, title, "_id" AS doc_id FROM (
                        SELECT *, (row_number() OVER ())::DOUBLE AS n FROM docs
                        UNION ALL BY NAME
                        SELECT 'bad' || range AS "_id", NULL AS text, '' AS title, range * 600 + 0.5 AS n FROM range(50))
                      ORDER BY n)
                TO {Pipeline.DuckDb.DuckDbSql.Literal(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 3000)
                """);
        }
        var options = new ShardOptions { ShardDocs = 7000, RowGroupSize = 1000 };

        var fromJson = _check.Shard(json, options);
        var fromParquet = _check.Shard(parquet, options with { Threads = threads, OnBadRecord = BadRecordPolicy.Skip });

        Assert.Equal(50, fromParquet.Manifest.BadRecords);
        Assert.Equal(fromJson.Manifest.Shards.Select(s => (s.File, s.Documents, s.Bytes, s.Sha256)),
            fromParquet.Manifest.Shards.Select(s => (s.File, s.Documents, s.Bytes, s.Sha256)));
    }

    [DuckDbFact]
    public void Custom_field_names_and_no_titles_give_the_same_shards()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines([
            """{"docno": "a", "body": "first", "headline": "H1", "title": 5}""",
            """{"body": "second", "docno": "b"}""",
        ]));

        _check.AssertSameShards(corpus, new ShardOptions { IdField = "docno", TextField = "body", TitleField = "headline" });
        _check.AssertSameShards(corpus, new ShardOptions { IdField = "docno", TextField = "body", TitleField = null });
    }

    [DuckDbTheory]
    [InlineData("crlf")]
    [InlineData("bom")]
    [InlineData("blank-lines")]
    [InlineData("no-final-newline")]
    [InlineData("whitespace-lines")]
    public void Line_ending_variants_the_reader_accepts_give_the_same_shards(string variant)
    {
        var docs = Enumerable.Range(0, 5).Select(i => Doc(i, $"text {i}")).ToList();
        var content = variant switch
        {
            "crlf" => string.Join("\r\n", docs) + "\r\n",
            "bom" => "\uFEFF" + Lines(docs),
            "blank-lines" => "\n" + string.Join("\n\n", docs) + "\n\n\n",
            "no-final-newline" => string.Join("\n", docs),
            _ => " \t\n" + string.Join("\n  \t \v\f\n", docs) + "\n\r\n",
        };
        var corpus = _check.WriteCorpus("c.jsonl", content);

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void Nesting_at_the_readers_depth_limit_gives_the_same_shards()
    {
        // The line's object is level 1; 63 nested arrays make 64 levels, the most System.Text.Json reads by default.
        var deep = new string('[', JsonLineScreen.MaxLevels - 1) + new string(']', JsonLineScreen.MaxLevels - 1);
        var corpus = _check.WriteCorpus("c.jsonl", Lines([$"{{\"_id\": \"a\", \"text\": \"x\", \"deep\": {deep}}}"]));

        _check.AssertSameShards(corpus);
    }

    [DuckDbFact]
    public void A_text_of_characters_that_dotnet_does_not_call_whitespace_is_kept_alike()
    {
        // U+200B, U+180E, U+FEFF, U+2060 and NUL (escaped) look blank but are not char.IsWhiteSpace: both paths keep
        // the documents.
        var corpus = _check.WriteCorpus("c.jsonl", Lines(new[] { "\u200b", "\u180e", "\ufeff", "\u2060", "\\u0000" }
            .Select((text, i) => $"{{\"_id\": \"z{i}\", \"text\": \"{text}\"}}")));

        var result = _check.AssertSameShards(corpus);

        Assert.Equal(5, result.Manifest.Documents);
    }

    [DuckDbFact]
    public void The_fast_path_is_byte_identical_from_run_to_run()
    {
        var corpus = _check.WriteCorpus("c.jsonl", Lines(Enumerable.Range(0, 12_000).Select(i => Doc(i, string.Create(CultureInfo.InvariantCulture, $"text {i} {i * 0.5}")))));

        var first = _check.Shard(corpus, new ShardOptions { ShardDocs = 5000, Threads = 2, Parser = ShardParser.DuckDb });
        var second = _check.Shard(corpus, new ShardOptions { ShardDocs = 5000, Threads = 2, Parser = ShardParser.DuckDb });

        ParserEquivalence.AssertSameFiles(first.OutputDirectory, second.OutputDirectory);
    }
}
