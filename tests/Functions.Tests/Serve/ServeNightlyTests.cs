using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Tests.Serve.Support;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>The <c>NightlyEvaluation</c> timer function over a real <c>pipeline serve</c> process.</summary>
public sealed class ServeNightlyTests
{
    private const string Suite = """
        {
          "version": 1,
          "suite": "cran",
          "jobs": [
            { "name": "bm25", "job": { "version": 1, "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
                "queries": { "location": "cranfield/queries.tsv" }, "qrels": { "location": "cranfield/qrels.txt" },
                "firstStage": { "bm25": { "k": 100 } }, "evaluation": { "measures": ["ndcg_cut.10", "map"] } } }
          ],
          "track": [ { "run": "bm25", "measure": "ndcg_cut_10" } ]
        }
        """;

    /// <summary>What the host posts for a timer trigger (Data.timer: the TimerInfo).</summary>
    private static string TimerPayload(bool pastDue = false) => new JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-11-21T02:00:00+00:00", ["Next"] = "2026-11-23T02:00:00+00:00", ["LastUpdated"] = "2026-11-21T02:00:00+00:00" },
                ["IsPastDue"] = pastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "NightlyEvaluation", ["UtcNow"] = "2026-11-22T02:00:00Z" } },
    }.ToJsonString();

    [Fact]
    public async Task A_timer_firing_runs_the_night_of_the_suites_and_a_second_firing_starts_nothing()
    {
        using var suites = new TempDirectory();
        File.WriteAllText(suites.File("cran.json"), Suite);
        await using var serve = await ServeProcess.StartAsync(new Dictionary<string, string?> { ["Nightly__Suites"] = suites.Path });
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (status, body) = await serve.PostAsync("NightlyEvaluation", TimerPayload());

        Assert.Equal(200, status);
        Assert.Contains(HostPayloads.Logs(body), l => l.StartsWith($"night {date}: ", StringComparison.Ordinal));
        var summary = Path.Combine(serve.Store, "nightly", date, "summary.json");
        Assert.True(File.Exists(summary), $"no {summary}; logs: {string.Join(" | ", HostPayloads.Logs(body))}");
        var jobFolder = Path.Combine(serve.Store, $"nightly-cran-bm25-{date.Replace("-", "", StringComparison.Ordinal)}");
        Assert.True(File.Exists(Path.Combine(jobFolder, "metrics.json")));
        var before = await File.ReadAllBytesAsync(summary);

        var (again, secondBody) = await serve.PostAsync("NightlyEvaluation", TimerPayload(pastDue: true));

        Assert.Equal(200, again);
        Assert.Contains(HostPayloads.Logs(secondBody), l => l.StartsWith($"night {date}: ", StringComparison.Ordinal));
        Assert.Equal(before, await File.ReadAllBytesAsync(summary));
        Assert.Single(Directory.EnumerateDirectories(serve.Store, "nightly-*"));
    }

    [Fact]
    public async Task Without_suites_configured_the_timer_logs_why_and_runs_nothing()
    {
        await using var serve = await ServeProcess.StartAsync();

        var (status, body) = await serve.PostAsync("NightlyEvaluation", TimerPayload());

        Assert.Equal(200, status);
        Assert.Contains(HostPayloads.Logs(body), l => l.Contains("Nightly__Suites", StringComparison.Ordinal) && l.Contains("is not set", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(serve.Store, "nightly")));
    }
}
