using System.CommandLine;
using System.IO.Compression;
using System.Text;
using Pipeline.DuckDb;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;
using Pipeline.Functions.Tests.Support;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests;

/// <summary>
/// <c>compare</c>, <c>report</c>, <c>shard</c> and <c>parquet</c> with inputs and outputs in a real Azurite: the same
/// output as with local files, byte for byte, and errors that name the blob location.
/// </summary>
public sealed class BlobLocationsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

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

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Runs <c>report</c> with a fixed clock, so two reports of the same inputs are the same text.</summary>
    private static (int Exit, string Out, string Err) RunReport(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = new RootCommand { ReportCommand.Create(new FixedClock(Now)) };
        var exit = root.Parse(["report", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<(string Container, AzureBlobStore Store)> UploadCompareInputsAsync()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        foreach (var name in new[] { "qrels.txt", "first.run.txt", "reranked.run.txt", "third.run.txt", "run.malformed.txt" })
        {
            await AzuriteBlobs.UploadAsync(store, "inputs/" + name, Data(name));
        }
        return (container, store);
    }

    [AzuriteFact]
    public async Task Compare_with_qrels_and_runs_as_blobs_prints_exactly_what_it_prints_for_the_local_files()
    {
        var (container, store) = await UploadCompareInputsAsync();
        using var _ = store;
        string[] runs = ["first.run.txt", "reranked.run.txt", "third.run.txt"];

        var local = Run(["compare", "-m", "ndcg_cut.10", "-m", "map", "--format", "json", Data("qrels.txt"), .. runs.Select(Data)]);
        var blob = Run(["compare", "-m", "ndcg_cut.10", "-m", "map", "--format", "json", "--connection", azurite.ConnectionString,
            $"az://{container}/inputs/qrels.txt", .. runs.Select(r => $"az://{container}/inputs/{r}")]);

        Assert.Equal((CliApp.Ok, string.Empty), (local.Exit, local.Err));
        Assert.Equal(string.Empty, blob.Err);
        Assert.Equal(CliApp.Ok, blob.Exit);
        Assert.Equal(local.Out, blob.Out);
    }

    [AzuriteFact]
    public async Task A_malformed_run_blob_is_reported_with_its_location_and_line_not_the_temporary_copy()
    {
        var (container, store) = await UploadCompareInputsAsync();
        using var _ = store;
        var location = $"az://{container}/inputs/run.malformed.txt";

        var (exit, output, error) = Run("compare", "--connection", azurite.ConnectionString,
            $"az://{container}/inputs/qrels.txt", $"az://{container}/inputs/first.run.txt", location);
        var (localExit, _, localError) = Run("compare", Data("qrels.txt"), Data("first.run.txt"), Data("run.malformed.txt"));

        Assert.Equal(CliApp.BadInput, localExit);
        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: {location}:2: ", error, StringComparison.Ordinal);
        Assert.Equal(localError.Replace(Data("run.malformed.txt"), location, StringComparison.Ordinal), error);
    }

    [AzuriteFact]
    public async Task Report_to_an_az_prefix_uploads_report_md_and_report_html_equal_to_a_local_report()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        using var _ = store;
        var localOut = Path.Combine(_dir.Path, "report");
        string[] inputs = [Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt")];
        var prefix = $"az://{container}/reports/fixture";

        var local = RunReport(["--title", "Fixture runs", "--depths", "5,10", "--out", localOut, .. inputs]);
        var blob = RunReport(["--title", "Fixture runs", "--depths", "5,10", "--out", prefix, "--connection", azurite.ConnectionString, .. inputs]);

        Assert.Equal((CliApp.Ok, string.Empty), (local.Exit, local.Err));
        Assert.Equal(string.Empty, blob.Err);
        Assert.Equal(CliApp.Ok, blob.Exit);
        Assert.Equal($"{prefix}/report.md\n{prefix}/report.html\n", blob.Out.ReplaceLineEndings("\n"));
        Assert.Equal(["reports/fixture/report.html", "reports/fixture/report.md"], await AzuriteBlobs.ListAsync(store, "reports/"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(localOut, "report.md")), await AzuriteBlobs.DownloadAsync(store, "reports/fixture/report.md"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(localOut, "report.html")), await AzuriteBlobs.DownloadAsync(store, "reports/fixture/report.html"));
    }

    [AzuriteFact]
    public async Task An_output_prefix_in_a_missing_container_creates_the_container()
    {
        azurite.EnsureRunning();
        var container = "new" + Guid.NewGuid().ToString("N")[..12];
        using var store = new AzureBlobStore(azurite.Connection, container);

        var (exit, output, error) = RunReport("--out", $"az://{container}/r", "--connection", azurite.ConnectionString,
            Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));

        Assert.Equal((CliApp.Ok, string.Empty), (exit, error));
        Assert.Equal($"az://{container}/r/report.md\naz://{container}/r/report.html\n", output.ReplaceLineEndings("\n"));
        Assert.Equal(["r/report.html", "r/report.md"], await AzuriteBlobs.ListAsync(store, ""));
    }

    [AzuriteFact]
    public async Task Report_with_blob_inputs_names_the_runs_and_files_by_their_locations()
    {
        var (container, store) = await UploadCompareInputsAsync();
        using var _ = store;
        var localOut = Path.Combine(_dir.Path, "report");
        var qrels = $"az://{container}/inputs/qrels.txt";
        var first = $"az://{container}/inputs/first.run.txt";
        var reranked = $"az://{container}/inputs/reranked.run.txt";

        var local = RunReport("--title", "T", "--out", Path.Combine(_dir.Path, "local"), Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt"));
        var blob = RunReport("--title", "T", "--out", localOut, "--connection", azurite.ConnectionString, qrels, first, reranked);

        Assert.Equal((CliApp.Ok, string.Empty), (local.Exit, local.Err));
        Assert.Equal((CliApp.Ok, string.Empty), (blob.Exit, blob.Err));
        var expected = File.ReadAllText(Path.Combine(_dir.Path, "local", "report.md"))
            .Replace(Data("qrels.txt"), qrels, StringComparison.Ordinal)
            .Replace(Data("first.run.txt"), first, StringComparison.Ordinal)
            .Replace(Data("reranked.run.txt"), reranked, StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(localOut, "report.md")));
    }

    private string WriteCorpus(string name, params string[] lines)
    {
        var path = Path.Combine(_dir.Path, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        gzip.Write(bytes);
        return path;
    }

    private static string Doc(int i) => $$"""{"_id": "d{{i}}", "title": "T{{i}}", "text": "text {{i}} — ünïcode {{new string('x', i % 17)}}"}""";

    [AzuriteDuckDbFact]
    public async Task Shard_from_a_blob_corpus_to_a_blob_prefix_uploads_exactly_the_local_shards_and_manifest()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        using var _ = store;
        var corpus = WriteCorpus("corpus.jsonl.gz", Enumerable.Range(0, 250).Select(Doc).ToArray());
        await AzuriteBlobs.UploadAsync(store, "corpora/small/corpus.jsonl.gz", corpus);
        var localOut = Path.Combine(_dir.Path, "shards");
        var prefix = $"az://{container}/work/small/shards";

        var local = Run("shard", "--quiet", "--shards", "3", "--corpus", corpus, "--out", localOut);
        var blob = Run("shard", "--quiet", "--shards", "3", "--connection", azurite.ConnectionString,
            "--corpus", $"az://{container}/corpora/small/corpus.jsonl.gz", "--out", prefix);

        Assert.Equal((CliApp.Ok, string.Empty), (local.Exit, local.Err));
        Assert.Equal(string.Empty, blob.Err);
        Assert.Equal(CliApp.Ok, blob.Exit);
        Assert.Equal(local.Out.Replace(localOut, prefix, StringComparison.Ordinal), blob.Out);
        var localFiles = Directory.GetFiles(localOut).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["manifest.json", "shard-00000.parquet", "shard-00001.parquet", "shard-00002.parquet"], localFiles);
        Assert.Equal(localFiles.Select(f => "work/small/shards/" + f), await AzuriteBlobs.ListAsync(store, "work/"));
        foreach (var file in localFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(localOut, file)), await AzuriteBlobs.DownloadAsync(store, "work/small/shards/" + file));
        }

        var again = Run("shard", "--quiet", "--connection", azurite.ConnectionString, "--corpus", corpus, "--out", prefix);
        Assert.Equal((CliApp.BadInput, $"error: the output prefix already has blobs under it: {prefix}\n"), (again.Exit, again.Err.ReplaceLineEndings("\n")));
    }

    [AzuriteDuckDbFact]
    public async Task A_bad_record_in_a_blob_corpus_is_reported_with_its_location_and_line_and_nothing_is_uploaded()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        using var _ = store;
        var corpus = WriteCorpus("bad.jsonl.gz", Doc(1), "{\"_id\": \"d2\", \"text\": ", Doc(3));
        await AzuriteBlobs.UploadAsync(store, "corpora/bad.jsonl.gz", corpus);
        var location = $"az://{container}/corpora/bad.jsonl.gz";

        var local = Run("shard", "--quiet", "--corpus", corpus, "--out", Path.Combine(_dir.Path, "out"));
        var blob = Run("shard", "--quiet", "--connection", azurite.ConnectionString, "--corpus", location, "--out", $"az://{container}/work/bad");

        Assert.Equal(CliApp.BadInput, local.Exit);
        Assert.Equal(CliApp.BadInput, blob.Exit);
        Assert.StartsWith($"error: {location}:2: ", blob.Err, StringComparison.Ordinal);
        Assert.Equal(local.Err.Replace(corpus, location, StringComparison.Ordinal), blob.Err);
        Assert.Empty(await AzuriteBlobs.ListAsync(store, "work/"));
    }

    [AzuriteDuckDbFact]
    public async Task Parquet_schema_and_show_on_a_blob_print_what_they_print_for_the_local_file()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        using var _ = store;
        var path = Path.Combine(_dir.Path, "t.parquet");
        using (var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 }))
        using (var connection = db.Connect())
        {
            connection.Execute($"COPY (SELECT i AS id, 'text ' || i AS text FROM range(5) t(i)) TO {DuckDbSql.Literal(path)} (FORMAT parquet)");
        }
        await AzuriteBlobs.UploadAsync(store, "files/t.parquet", path);
        var location = $"az://{container}/files/t.parquet";

        foreach (var args in new[] { new[] { "schema" }, ["show"], ["show", "--format", "table", "--limit", "3"] })
        {
            var local = Run(["parquet", .. args, path]);
            var blob = Run(["parquet", .. args, "--connection", azurite.ConnectionString, location]);

            Assert.Equal((CliApp.Ok, string.Empty), (local.Exit, local.Err));
            Assert.Equal((CliApp.Ok, string.Empty), (blob.Exit, blob.Err));
            Assert.Equal(local.Out, blob.Out);
        }
    }

    [AzuriteFact]
    public async Task A_missing_blob_is_bad_input_naming_the_blob()
    {
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "loc");
        using var _ = store;

        var (exit, output, error) = Run("parquet", "show", "--connection", azurite.ConnectionString, $"az://{container}/files/none.parquet");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: Storage Get Blob ", error, StringComparison.Ordinal);
        Assert.Contains($"/{container}/files/none.parquet failed: 404", error, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> VerbsWithABlobLocation() => new()
    {
        { ["compare", "az://c/qrels.txt", Data("first.run.txt"), Data("reranked.run.txt")] },
        { ["compare", Data("qrels.txt"), Data("first.run.txt"), "az://c/runs/reranked.run.txt"] },
        { ["report", "--out", "az://c/reports/r", Data("qrels.txt"), Data("first.run.txt"), Data("reranked.run.txt")] },
        { ["shard", "--corpus", "az://c/corpus.jsonl", "--out", "shards-never-written"] },
        { ["shard", "--corpus", Data("qrels.txt"), "--out", "az://c/work/shards"] },
        { ["parquet", "schema", "az://c/t.parquet"] },
        { ["parquet", "show", "az://c/t.parquet"] },
        { ["eval", "az://c/qrels.txt", Data("first.run.txt")] },
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
        Assert.False(Directory.Exists("shards-never-written"));
    }
}
