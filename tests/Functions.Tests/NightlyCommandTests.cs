using System.Globalization;
using System.Text.Json;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Three nights of <c>pipeline nightly</c> through the CLI entry point, embedded over a folder store: two identical
/// nights, then the night's BM25 k1 changed from 0.9 to 0.1 (the planted regression), then the second night again.
/// </summary>
public sealed class NightlyCommandFixture : IDisposable
{
    public static readonly string InputRoot = Path.Combine(AppContext.BaseDirectory, "data", "jobs");

    public NightlyCommandFixture()
    {
        File.WriteAllText(Suites.File("cran.json"), Suite(0.9));
        Night1 = Cli("nightly", "--suites", Suites.Path, "--date", "2026-05-01", "--store", Store, "--inputs", InputRoot, "--parallel", "2");
        Night2 = Cli("nightly", "--suites", Suites.Path, "--date", "2026-05-02", "--store", Store, "--inputs", InputRoot, "--parallel", "2");
        Night2Summary = File.ReadAllBytes(StorePath("nightly/2026-05-02/summary.json"));
        File.WriteAllText(Suites.File("cran.json"), Suite(0.1));
        Night3 = Cli("nightly", "--suites", Suites.Path, "--date", "2026-05-03", "--store", Store, "--inputs", InputRoot, "--parallel", "2");
        JobsBeforeNight2Rerun = JobFolders();
        Night2Again = Cli("nightly", "--suites", Suites.Path, "--date", "2026-05-02", "--store", Store, "--inputs", InputRoot, "--parallel", "2");
    }

    public TempDirectory Suites { get; } = new();

    public TempDirectory Root { get; } = new();

    public string Store => Root.File("store");

    public (int Exit, string Out, string Err) Night1 { get; }

    public (int Exit, string Out, string Err) Night2 { get; }

    public byte[] Night2Summary { get; }

    public (int Exit, string Out, string Err) Night3 { get; }

    public IReadOnlyList<string> JobsBeforeNight2Rerun { get; }

    public (int Exit, string Out, string Err) Night2Again { get; }

    public string StorePath(string name) => Path.Combine(Store, name);

    public IReadOnlyList<string> JobFolders() =>
        [.. Directory.EnumerateDirectories(Store, "nightly-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string Suite(double k1) => $$"""
        {
          "version": 1,
          "suite": "cran",
          "jobs": [
            { "name": "bm25", "job": { "version": 1, "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
                "queries": { "location": "cranfield/queries.tsv" }, "qrels": { "location": "cranfield/qrels.txt" }, "sharding": { "shards": 1 },
                "firstStage": { "bm25": { "k": 100, "k1": {{k1.ToString(CultureInfo.InvariantCulture)}} } }, "evaluation": { "measures": ["ndcg_cut.10", "map"] } } }
          ],
          "track": [ { "run": "bm25", "measure": "ndcg_cut_10" } ]
        }
        """;

    public void Dispose()
    {
        Suites.Dispose();
        Root.Dispose();
    }
}

public sealed class NightlyCommandTests(NightlyCommandFixture nights) : IClassFixture<NightlyCommandFixture>
{
    [Fact]
    public void A_stable_night_exits_0_with_its_tracked_measure_and_the_summary_paths()
    {
        Assert.True(nights.Night1.Exit == 0, nights.Night1.Err);
        Assert.True(nights.Night2.Exit == 0, nights.Night2.Err);
        var tonight = Tonight("2026-05-02");
        Assert.Contains($"  cran/bm25/bm25 ndcg_cut_10: {tonight.ToString("F4", CultureInfo.InvariantCulture)} stable\n", nights.Night2.Out, StringComparison.Ordinal);
        Assert.Contains("nightly 2026-05-02: ok\n", nights.Night2.Out, StringComparison.Ordinal);
        Assert.Contains($"summary: {Path.Combine(nights.Store, "nightly", "2026-05-02")}/summary.md", nights.Night2.Out, StringComparison.Ordinal);
        // Progress on stderr: the job went through the queues and ended.
        Assert.Contains("job nightly-cran-bm25-20260502: queued", nights.Night2.Err, StringComparison.Ordinal);
        Assert.Contains("job nightly-cran-bm25-20260502: completed", nights.Night2.Err, StringComparison.Ordinal);
        Assert.Equal("ok", Status("2026-05-02"));
    }

    [Fact]
    public void The_planted_regression_exits_3_and_is_named_on_stdout()
    {
        Assert.True(nights.Night3.Exit == 3, nights.Night3.Out + nights.Night3.Err);
        var tonight = Tonight("2026-05-03");
        Assert.True(tonight < Tonight("2026-05-02") - 0.01, $"k1 0.1 gives nDCG@10 {tonight}");
        Assert.Contains($"  cran/bm25/bm25 ndcg_cut_10: {tonight.ToString("F4", CultureInfo.InvariantCulture)} regression\n", nights.Night3.Out, StringComparison.Ordinal);
        Assert.Contains("nightly 2026-05-03: regression\n", nights.Night3.Out, StringComparison.Ordinal);
        Assert.Equal("regression", Status("2026-05-03"));
    }

    [Fact]
    public void Running_a_done_date_again_says_so_starts_nothing_and_exits_with_its_status()
    {
        Assert.True(nights.Night2Again.Exit == 0, nights.Night2Again.Err);
        Assert.StartsWith("nightly 2026-05-02: already run; nothing started\n", nights.Night2Again.Out, StringComparison.Ordinal);
        Assert.Contains("nightly 2026-05-02: ok\n", nights.Night2Again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("queued", nights.Night2Again.Err, StringComparison.Ordinal);
        Assert.Equal(nights.JobsBeforeNight2Rerun, nights.JobFolders());
        Assert.Equal(["nightly-cran-bm25-20260501", "nightly-cran-bm25-20260502", "nightly-cran-bm25-20260503"], nights.JobFolders());
        Assert.Equal(nights.Night2Summary, File.ReadAllBytes(nights.StorePath("nightly/2026-05-02/summary.json")));
    }

    [Fact]
    public void An_invalid_suite_exits_2_naming_the_file_and_the_json_path_and_claims_nothing()
    {
        using var suites = new TempDirectory();
        using var root = new TempDirectory();
        File.WriteAllText(suites.File("broken.json"), NightlyCommandFixture.Suite(0.9).Replace("\"k1\": 0.9", "\"k1\": 0.9, \"b\": 2", StringComparison.Ordinal));

        var run = NightlyCommandFixture.Cli("nightly", "--suites", suites.Path, "--date", "2026-05-01", "--store", root.File("store"),
            "--inputs", NightlyCommandFixture.InputRoot);

        Assert.Equal(2, run.Exit);
        Assert.Contains("broken.json", run.Err, StringComparison.Ordinal);
        Assert.Contains("$.jobs[0].job.firstStage.bm25.b: must be between 0 and 1, got 2", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(Path.Combine(root.File("store"), "nightly")));
    }

    [Fact]
    public void No_wait_with_a_folder_store_is_bad_input()
    {
        using var root = new TempDirectory();

        var run = NightlyCommandFixture.Cli("nightly", "--suites", nights.Suites.Path, "--store", root.File("store"), "--no-wait");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--no-wait needs an az:// store", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.File("store")));
    }

    private double Tonight(string date)
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(nights.StorePath($"nightly/{date}/summary.json")));
        return summary.RootElement.GetProperty("suites")[0].GetProperty("tracked")[0].GetProperty("tonight").GetDouble();
    }

    private string Status(string date)
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(nights.StorePath($"nightly/{date}/summary.json")));
        return summary.RootElement.GetProperty("status").GetString()!;
    }
}
