using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public sealed class IndexSearchCommandTests : IDisposable
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

    private static string SciFact(string name) => Path.Combine(AppContext.BaseDirectory, "data", "scifact", name);

    private const string Corpus = """
        {"_id": "d1", "title": "Cats", "text": "Cats purr and cats sleep."}
        {"_id": "d2", "title": "Dogs", "text": "Dogs bark at the cats."}
        {"_id": "d3", "title": "Birds", "text": "Birds sing in the morning."}
        {"_id": "d4", "title": "", "text": "Nothing about animals here at all."}

        """;

    private string WriteCorpus()
    {
        var path = _dir.File("corpus.jsonl");
        File.WriteAllText(path, Corpus.ReplaceLineEndings("\n"));
        return path;
    }

    private string WriteQueries(string text)
    {
        var path = _dir.File("queries.tsv");
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    private string Index(string analyzer = "english")
    {
        var index = _dir.File("index");
        var (exit, _, error) = Run("index", "--corpus", WriteCorpus(), "--out", index, "--analyzer", analyzer);
        Assert.Equal(CliApp.Ok, exit);
        Assert.StartsWith("index: 4 documents in ", error, StringComparison.Ordinal);
        return index;
    }

    private static List<(string Query, string Doc, int Rank)> ReadRun(string path) =>
        [.. File.ReadAllLines(path).Select(line => line.Split(' ')).Select(f => (f[0], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public void Index_then_search_ranks_a_small_corpus_end_to_end()
    {
        var index = Index();
        var queries = WriteQueries("q1\tcat\nq2\tbirds singing\n");
        var run = _dir.File("run.trec");

        var (exit, output, error) = Run("search", "--index", index, "--queries", queries, "--out", run, "--threads", "1");

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal($"searched 2 queries, wrote 3 lines to {run}\n", output.ReplaceLineEndings("\n"));
        Assert.StartsWith("search: 2 queries in ", error, StringComparison.Ordinal);
        Assert.Equal([("q1", "d1", 1), ("q1", "d2", 2), ("q2", "d3", 1)], ReadRun(run));
    }

    [Fact]
    public void Every_traversal_writes_the_same_run_of_SciFact()
    {
        var index = _dir.File("scifact-index");
        Assert.Equal(CliApp.Ok, Run("index", "--corpus", SciFact("corpus.jsonl.gz"), "--out", index).Exit);
        var runs = new List<byte[]>();
        foreach (var traversal in new[] { "maxscore", "accumulate", "auto" })
        {
            var run = _dir.File($"run-{traversal}.trec");
            var (exit, _, error) = Run("search", "--index", index, "--queries", SciFact("queries.test.tsv"), "--out", run,
                "--k", "100", "--traversal", traversal, "--warm-up");
            Assert.True(exit == CliApp.Ok, error);
            runs.Add(File.ReadAllBytes(run));
        }
        Assert.True(runs[0].Length > 300 * 90 * 20, $"{runs[0].Length} bytes");
        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0], runs[2]);
    }

    [Fact]
    public void An_unknown_traversal_is_bad_input()
    {
        var (exit, _, error) = Run("search", "--index", Index(), "--queries", WriteQueries("q1\tcats\n"), "--out", _dir.File("run.trec"),
            "--traversal", "wand");
        Assert.Equal(CliApp.BadInput, exit);
        Assert.Contains("wand", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("run.trec")));
    }

    [Fact]
    public void A_stop_word_only_query_gets_no_lines_and_a_warning()
    {
        var index = Index();
        var queries = WriteQueries("q1\tthe and of\nq2\tdogs\n");
        var run = _dir.File("run.trec");

        var (exit, _, error) = Run("search", "--index", index, "--queries", queries, "--out", run);

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal("warning: query q1 has no terms after analysis (english); it gets no results",
            error.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Equal([("q2", "d2", 1)], ReadRun(run));
    }

    [Fact]
    public void An_empty_query_is_a_malformed_queries_file()
    {
        var index = Index();
        var queries = WriteQueries("q1\tcats\nq2\t \n");

        var (exit, _, error) = Run("search", "--index", index, "--queries", queries, "--out", _dir.File("run.trec"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith($"error: {queries}:2: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("run.trec")));
    }

    [Fact]
    public void Searching_a_missing_index_is_bad_input()
    {
        var missing = _dir.File("no-index");

        var (exit, _, error) = Run("search", "--index", missing, "--queries", WriteQueries("q1\tcats\n"), "--out", _dir.File("run.trec"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {missing}: index directory not found\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Searching_with_another_analyzer_than_the_index_was_built_with_is_bad_input()
    {
        var index = Index("plain");

        var (exit, _, error) = Run("search", "--index", index, "--queries", WriteQueries("q1\tcats\n"), "--out", _dir.File("run.trec"), "--analyzer", "english");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: the index was built with analyzer 'plain', not 'english'\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_corrupt_index_shard_is_bad_input_naming_the_file()
    {
        var index = Index();
        var shard = Path.Combine(index, "shard-00000.bm25");
        var bytes = File.ReadAllBytes(shard);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(shard, bytes);

        var (exit, _, error) = Run("search", "--index", index, "--queries", WriteQueries("q1\tcats\n"), "--out", _dir.File("run.trec"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith($"error: {shard}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_needs_exactly_one_input()
    {
        var (neither, _, neitherError) = Run("index", "--out", _dir.File("index"));
        var (both, _, bothError) = Run("index", "--corpus", WriteCorpus(), "--shards", _dir.Path, "--out", _dir.File("index"));

        Assert.Equal((CliApp.BadInput, "error: give either --corpus FILE or --shards DIR\n"), (neither, neitherError.ReplaceLineEndings("\n")));
        Assert.Equal((CliApp.BadInput, "error: give either --corpus FILE or --shards DIR\n"), (both, bothError.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Shard_count_does_not_go_with_a_shard_directory()
    {
        var (exit, _, error) = Run("index", "--shards", _dir.Path, "--shard-count", "2", "--out", _dir.File("index"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: --shard-count goes with --corpus; with --shards DIR the Parquet shards are the index shards\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_directory_without_a_manifest_is_bad_input()
    {
        var (exit, _, error) = Run("index", "--shards", _dir.Path, "--out", _dir.File("index"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {Path.Combine(_dir.Path, "manifest.json")}: no manifest.json: not a directory written by 'pipeline shard'\n",
            error.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void A_corrupt_parquet_shard_is_bad_input_and_writes_no_index()
    {
        var shards = _dir.File("shards");
        Assert.Equal(CliApp.Ok, Run("shard", "--corpus", WriteCorpus(), "--out", shards, "--shards", "2", "--quiet").Exit);
        var shard = Path.Combine(shards, "shard-00001.parquet");
        var bytes = File.ReadAllBytes(shard);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(shard, bytes);

        var (exit, _, error) = Run("index", "--shards", shards, "--out", _dir.File("index"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith($"error: {shard}: SHA-256 ", error, StringComparison.Ordinal);
        Assert.EndsWith(" (damaged or replaced)\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("index")));
    }

    [DuckDbFact]
    public void A_parquet_shard_that_is_not_parquet_is_bad_input_even_with_a_matching_manifest()
    {
        var shards = _dir.File("shards");
        Assert.Equal(CliApp.Ok, Run("shard", "--corpus", WriteCorpus(), "--out", shards, "--shards", "1", "--quiet").Exit);
        var shard = Path.Combine(shards, "shard-00000.parquet");
        File.WriteAllText(shard, "not parquet at all");
        var manifest = Path.Combine(shards, "manifest.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!;
        json["shards"]![0]!["bytes"] = new FileInfo(shard).Length;
        json["shards"]![0]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(shard)));
        File.WriteAllText(manifest, json.ToJsonString());

        var (exit, _, error) = Run("index", "--shards", shards, "--out", _dir.File("index"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {shard}: not a Parquet file (it does not start with PAR1)\n", error.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void Three_parquet_shards_of_scifact_give_the_same_run_as_the_corpus_file()
    {
        var shards = _dir.File("shards");
        Assert.Equal(CliApp.Ok, Run("shard", "--corpus", SciFact("corpus.jsonl.gz"), "--out", shards, "--shards", "3", "--quiet").Exit);
        var fromShards = Run("index", "--shards", shards, "--out", _dir.File("index-shards"));
        var fromCorpus = Run("index", "--corpus", SciFact("corpus.jsonl.gz"), "--out", _dir.File("index-corpus"));
        Assert.Equal(CliApp.Ok, fromShards.Exit);
        Assert.Equal(CliApp.Ok, fromCorpus.Exit);
        Assert.Equal($"indexed 5183 documents into 3 shard(s) in {_dir.File("index-shards")}: N=5183, avgdl=161.71, terms=28865\n",
            fromShards.Out.ReplaceLineEndings("\n"));
        Assert.Equal(3, Directory.GetFiles(_dir.File("index-shards"), "shard-*.bm25").Length);

        var shardRun = _dir.File("shards.trec");
        var corpusRun = _dir.File("corpus.trec");
        Assert.Equal(CliApp.Ok, Run("search", "--index", _dir.File("index-shards"), "--queries", SciFact("queries.test.tsv"), "--out", shardRun).Exit);
        Assert.Equal(CliApp.Ok, Run("search", "--index", _dir.File("index-corpus"), "--queries", SciFact("queries.test.tsv"), "--out", corpusRun).Exit);

        var expected = File.ReadAllLines(corpusRun);
        Assert.Equal(294041, expected.Length);
        Assert.Equal(expected, File.ReadAllLines(shardRun));
    }
}
