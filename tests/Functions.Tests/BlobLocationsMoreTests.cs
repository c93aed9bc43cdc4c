using System.Globalization;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;
using Pipeline.Functions.Tests.Support;
using Pipeline.Onnx.Tests.Support;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests;

/// <summary>
/// <c>index</c>, <c>search</c>, <c>rerank</c>, <c>embed</c> and <c>dense-search</c> with inputs and outputs in a real
/// Azurite: the same output as with local files, byte for byte.
/// </summary>
public sealed class BlobLocationsMoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly string CrossModel = Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_cross");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "compare", name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteCorpus()
    {
        var path = Path.Combine(_dir.Path, "corpus.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 60).Select(i =>
            $$"""{"_id": "d{{i}}", "title": "Title {{i % 7}}", "text": "search engines rank documents {{i}} with words {{new string('x', i % 5 + 1)}} and relevance {{i % 11}}"}"""));
        return path;
    }

    private string WriteQueries()
    {
        var path = Path.Combine(_dir.Path, "queries.tsv");
        File.WriteAllLines(path, ["q1\tsearch engines relevance", "q2\tdocuments with words xxx", "q3\ttitle 3 rank"]);
        return path;
    }

    [AzuriteFact]
    public async Task Index_from_a_blob_corpus_to_a_blob_prefix_then_search_it_with_blob_queries_gives_the_local_run()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "more");
        using var _ = store;
        var corpus = WriteCorpus();
        var queries = WriteQueries();
        await AzuriteBlobs.UploadAsync(store, "corpora/c/corpus.jsonl", corpus);
        await AzuriteBlobs.UploadAsync(store, "queries/queries.tsv", queries);
        var localIndex = Path.Combine(_dir.Path, "index");
        var localRun = Path.Combine(_dir.Path, "run.trec");
        var prefix = $"az://{container}/work/index";
        var blobRun = $"az://{container}/runs/bm25.trec";

        var localIndexed = Run("index", "--corpus", corpus, "--shard-count", "3", "--out", localIndex);
        var blobIndexed = Run("index", "--connection", azurite.ConnectionString, "--corpus", $"az://{container}/corpora/c/corpus.jsonl",
            "--shard-count", "3", "--out", prefix);

        Assert.Equal(CliApp.Ok, localIndexed.Exit);
        Assert.DoesNotContain("error", blobIndexed.Err, StringComparison.Ordinal);
        Assert.Equal(CliApp.Ok, blobIndexed.Exit);
        Assert.Equal(localIndexed.Out.Replace(localIndex, prefix, StringComparison.Ordinal), blobIndexed.Out);
        var files = Directory.GetFiles(localIndex).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("statistics.bm25", files);
        Assert.Equal(files.Select(f => "work/index/" + f), await AzuriteBlobs.ListAsync(store, "work/"));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(localIndex, file)), await AzuriteBlobs.DownloadAsync(store, "work/index/" + file));
        }

        var localSearched = Run("search", "--index", localIndex, "--queries", queries, "--k", "20", "--threads", "1", "--out", localRun);
        var blobSearched = Run("search", "--connection", azurite.ConnectionString, "--index", prefix,
            "--queries", $"az://{container}/queries/queries.tsv", "--k", "20", "--threads", "1", "--out", blobRun);

        Assert.Equal(CliApp.Ok, localSearched.Exit);
        Assert.DoesNotContain("error", blobSearched.Err, StringComparison.Ordinal);
        Assert.Equal(CliApp.Ok, blobSearched.Exit);
        Assert.Equal(localSearched.Out.Replace(localRun, blobRun, StringComparison.Ordinal), blobSearched.Out);
        Assert.Equal(File.ReadAllBytes(localRun), await AzuriteBlobs.DownloadAsync(store, "runs/bm25.trec"));
    }

    [AzuriteFact]
    public async Task Search_an_index_prefix_with_no_blobs_is_bad_input()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "more");
        using var _ = store;

        var (exit, output, error) = Run("search", "--connection", azurite.ConnectionString, "--index", $"az://{container}/none",
            "--queries", WriteQueries(), "--out", Path.Combine(_dir.Path, "run.trec"));

        Assert.Equal((CliApp.BadInput, string.Empty), (exit, output));
        Assert.Equal($"error: no blobs under 'az://{container}/none'\n", error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "run.trec")));
    }

    [AzuriteOnnxFact]
    public async Task Rerank_with_blob_inputs_and_a_blob_model_prefix_writes_the_local_output()
    {
        OnnxNative.AssertAvailable();
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "more");
        using var _ = store;
        var corpus = WriteCorpus();
        var queries = WriteQueries();
        var run = Path.Combine(_dir.Path, "in.trec");
        File.WriteAllLines(run, [.. Enumerable.Range(0, 8).SelectMany(i => new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"q1 Q0 d{i} {i + 1} {20 - i} bm25"),
            string.Create(CultureInfo.InvariantCulture, $"q2 Q0 d{i * 3} {i + 1} {30 - i} bm25"),
        }).OrderBy(l => l, StringComparer.Ordinal)]);
        await AzuriteBlobs.UploadAsync(store, "in/corpus.jsonl", corpus);
        await AzuriteBlobs.UploadAsync(store, "in/queries.tsv", queries);
        await AzuriteBlobs.UploadAsync(store, "in/first.trec", run);
        foreach (var file in Directory.GetFiles(CrossModel))
        {
            await AzuriteBlobs.UploadAsync(store, "models/cross/" + Path.GetFileName(file), file);
        }
        var localOut = Path.Combine(_dir.Path, "out.trec");
        var blobOut = $"az://{container}/out/reranked.trec";

        var local = Run("rerank", "--model", CrossModel, "--queries", queries, "--corpus", corpus, "--run", run, "--depth", "5",
            "--threads", "1", "--out", localOut);
        var blob = Run("rerank", "--connection", azurite.ConnectionString, "--model", $"az://{container}/models/cross",
            "--queries", $"az://{container}/in/queries.tsv", "--corpus", $"az://{container}/in/corpus.jsonl",
            "--run", $"az://{container}/in/first.trec", "--depth", "5", "--threads", "1", "--out", blobOut);

        Assert.Equal(CliApp.Ok, local.Exit);
        Assert.DoesNotContain("error", blob.Err, StringComparison.Ordinal);
        Assert.Equal(CliApp.Ok, blob.Exit);
        Assert.Equal(local.Out.Replace(localOut, blobOut, StringComparison.Ordinal), blob.Out);
        Assert.Equal(File.ReadAllBytes(localOut), await AzuriteBlobs.DownloadAsync(store, "out/reranked.trec"));
    }

    public static TheoryData<string[]> VerbsWithABlobLocation() => new()
    {
        { ["index", "--corpus", "az://c/corpus.jsonl", "--out", "index-never-written"] },
        { ["index", "--shards", "az://c/work/shards", "--out", "index-never-written"] },
        { ["index", "--corpus", Data("qrels.txt"), "--out", "az://c/work/index"] },
        { ["search", "--index", "az://c/work/index", "--queries", Data("qrels.txt"), "--out", "run-never-written"] },
        { ["search", "--index", "index-never-read", "--queries", "az://c/queries.tsv", "--out", "run-never-written"] },
        { ["search", "--index", "index-never-read", "--queries", Data("qrels.txt"), "--out", "az://c/runs/bm25.trec"] },
        { ["rerank", "--model", "az://c/models/cross", "--queries", Data("qrels.txt"), "--corpus", Data("qrels.txt"), "--run", Data("first.run.txt"), "--out", "run-never-written"] },
        { ["rerank", "--model", CrossModel, "--queries", "az://c/queries.tsv", "--corpus", Data("qrels.txt"), "--run", Data("first.run.txt"), "--out", "run-never-written"] },
        { ["rerank", "--model", CrossModel, "--queries", Data("qrels.txt"), "--corpus", Data("qrels.txt"), "--run", Data("first.run.txt"), "--out", "az://c/out.trec"] },
        { ["embed", "--model", "az://c/models/bi", "--corpus", Data("qrels.txt"), "--out", "never-written.parquet"] },
        { ["embed", "--model", CrossModel, "--corpus", "az://c/corpus.jsonl", "--out", "never-written.parquet"] },
        { ["dense-search", "--model", CrossModel, "--index", "az://c/e.parquet", "--queries", Data("qrels.txt"), "--out", "run-never-written"] },
        { ["dense-search", "--model", CrossModel, "--index", Data("qrels.txt"), "--queries", Data("qrels.txt"), "--out", "az://c/run.trec"] },
    };

    [Theory]
    [MemberData(nameof(VerbsWithABlobLocation))]
    public void A_blob_location_without_a_connection_is_bad_input_that_says_how_to_give_one(string[] args)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AzureWebJobsStorage")))
        {
            // The setting would be the connection; this test is about its absence.
            Assert.Fail("AzureWebJobsStorage is set in the test environment; unset it to run this test.");
        }

        var (exit, output, error) = Run(args);

        var location = args.First(a => a.StartsWith("az://", StringComparison.Ordinal));
        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"error: '{location}' needs a storage connection: pass --connection or set AzureWebJobsStorage.\n", error.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists("index-never-written"));
        Assert.False(File.Exists("run-never-written"));
        Assert.False(File.Exists("never-written.parquet"));
    }
}

/// <summary>
/// A fact that needs both Azurite and the native ONNX Runtime library: skipped with a message when either is missing,
/// except under <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class AzuriteOnnxFactAttribute : FactAttribute
{
    public AzuriteOnnxFactAttribute()
    {
        if (AzuriteLocator.SkipReason() is { } reason)
        {
            Skip = reason;
        }
        else if (OnnxNative.MissingReason is { } missing && !OnnxNative.IsCi)
        {
            Skip = $"{missing}; run eng/bootstrap.sh and rebuild. Under CI=true this test fails instead of skipping.";
        }
    }
}
