using System.Text.Json;
using Pipeline.Evaluation.Comparison.Statistics;
using Pipeline.Nightly.Detection;
using Pipeline.Nightly.History;
using Pipeline.Nightly.Reports;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly.Tests;

public sealed class NightlyRunTests(NightlyRunFixture nights) : IClassFixture<NightlyRunFixture>
{
    [Fact]
    public void The_first_night_takes_its_date_from_the_clock_and_has_nothing_to_compare_with()
    {
        var result = nights.Night1Result;
        Assert.Equal(NightlyRunFixture.Night1, result.Date);
        Assert.Equal(NightlyOutcome.Ran, result.Outcome);
        Assert.Equal(NightlyStatus.Ok, result.Status);
        Assert.True(File.Exists(nights.StorePath("nightly-cranfield-bm25-20260301/metrics.json")));
        Assert.True(File.Exists(nights.StorePath("history/cranfield/bm25/2026-03-01.json")));
        var tracked = Tracked(result.SummaryJson!);
        Assert.Equal(["ndcg_cut_10", "map"], tracked.Select(t => t.GetProperty("measure").GetString()));
        Assert.All(tracked, t =>
        {
            Assert.Equal("stable", t.GetProperty("change").GetString());
            Assert.Equal(JsonValueKind.Null, t.GetProperty("previous").ValueKind);
            Assert.Equal(JsonValueKind.Null, t.GetProperty("rolling").ValueKind);
        });
    }

    [Fact]
    public void Two_identical_nights_are_stable_and_raise_nothing()
    {
        var result = nights.Night2Result;
        Assert.Equal(NightlyOutcome.Ran, result.Outcome);
        Assert.Equal(NightlyStatus.Ok, result.Status);
        using var summary = JsonDocument.Parse(result.SummaryJson!);
        Assert.Equal("ok", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, summary.RootElement.GetProperty("regressions").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("improvements").GetInt32());
        foreach (var tracked in Tracked(result.SummaryJson!))
        {
            Assert.Equal("stable", tracked.GetProperty("change").GetString());
            var previous = tracked.GetProperty("previous");
            Assert.Equal("2026-03-01", previous.GetProperty("from").GetString());
            Assert.Equal(0.0, previous.GetProperty("delta").GetDouble());
            Assert.Equal(1.0, previous.GetProperty("pValue").GetDouble());
            Assert.Equal(225, previous.GetProperty("queries").GetInt32());
            Assert.Equal("stable", previous.GetProperty("change").GetString());
            Assert.Equal(1, tracked.GetProperty("rolling").GetProperty("nights").GetInt32());
        }
        var markdown = File.ReadAllText(nights.StorePath("nightly/2026-03-02/summary.md"));
        Assert.StartsWith("# Nightly evaluation 2026-03-02: ok\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Changes", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retriggered_night_starts_no_job_enqueues_nothing_and_leaves_its_summary_unchanged()
    {
        var retrigger = nights.Night2Retrigger;
        Assert.Equal(NightlyOutcome.AlreadyDone, retrigger.Outcome);
        Assert.Equal(NightlyStatus.Ok, retrigger.Status);
        Assert.Null(retrigger.Summary);
        Assert.Equal(nights.Night2SummaryBytes, retrigger.SummaryJson);
        var timer = nights.Night2TimerRetrigger;
        Assert.Equal(NightlyStartOutcome.AlreadyDone, timer.Outcome);
        Assert.Empty(timer.Queued);
        Assert.Equal(NightlyStatus.Ok, timer.Status);
        Assert.Equal(nights.Night2SummaryBytes, timer.SummaryJson);
        Assert.Equal(0, nights.MessagesAfterTimerRetrigger);
        Assert.Equal(["nightly-cranfield-bm25-20260301", "nightly-cranfield-bm25-20260302"], nights.JobFoldersBeforeRetrigger);
        Assert.Equal(nights.JobFoldersBeforeRetrigger, nights.JobFoldersAfterRetrigger);
        Assert.Equal(nights.Night2SummaryBytes, File.ReadAllBytes(nights.StorePath("nightly/2026-03-02/summary.json")));
        Assert.Equal(["2026-03-01.json", "2026-03-02.json", "2026-03-03.json"],
            Directory.EnumerateFiles(nights.StorePath("history/cranfield/bm25")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_planted_regression_of_night_three_is_detected_with_its_direction_and_p_value()
    {
        var result = nights.Night3Result;
        Assert.Equal(NightlyOutcome.Ran, result.Outcome);
        Assert.Equal(NightlyStatus.Regression, result.Status);
        Assert.Equal(["nightly-cranfield-bm25-20260301", "nightly-cranfield-bm25-20260302", "nightly-cranfield-bm25-20260303"], nights.JobFolders());

        var history = new HistoryStore(new LocalBlobStore(nights.StoreRoot));
        var night2 = (await history.ReadAsync("cranfield", "bm25", NightlyRunFixture.Night2))!.Find("bm25", "ndcg_cut_10")!;
        var night3 = (await history.ReadAsync("cranfield", "bm25", NightlyRunFixture.Night3))!.Find("bm25", "ndcg_cut_10")!;
        var queries = night3.PerQuery.Keys.Where(night2.PerQuery.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        var expected = PairedTTest.Compute([.. queries.Select(q => night3.PerQuery[q])], [.. queries.Select(q => night2.PerQuery[q])]);
        Assert.True(expected.MeanDifference <= -0.01, $"the planted change lowers nDCG@10 by {expected.MeanDifference}");
        Assert.True(expected.PValue < 0.05, $"p = {expected.PValue}");

        var ndcg = Tracked(result.SummaryJson!).Single(t => t.GetProperty("measure").GetString() == "ndcg_cut_10");
        Assert.Equal("regression", ndcg.GetProperty("change").GetString());
        Assert.Equal(night3.Mean, ndcg.GetProperty("tonight").GetDouble());
        var previous = ndcg.GetProperty("previous");
        Assert.Equal("2026-03-02", previous.GetProperty("from").GetString());
        Assert.Equal(queries.Length, previous.GetProperty("queries").GetInt32());
        Assert.Equal(expected.PValue, previous.GetProperty("pValue").GetDouble());
        Assert.Equal(expected.MeanDifference, previous.GetProperty("delta").GetDouble(), 12);
        Assert.Equal("regression", previous.GetProperty("change").GetString());
        var rolling = ndcg.GetProperty("rolling");
        Assert.Equal(2, rolling.GetProperty("nights").GetInt32());
        Assert.Equal("2026-03-01", rolling.GetProperty("from").GetString());
        Assert.Equal("2026-03-02", rolling.GetProperty("to").GetString());
        // Nights 1 and 2 are identical, so their per-query mean is night 2 and the rolling test is the same test.
        Assert.Equal(expected.PValue, rolling.GetProperty("pValue").GetDouble(), 12);
        Assert.Equal("regression", rolling.GetProperty("change").GetString());

        var summary = result.Summary!;
        var detected = summary.Results.Single(r => r.Tracked.Measure == "ndcg_cut_10");
        Assert.Equal(ChangeKind.Regression, detected.Kind);
        Assert.Equal([(NightlyRunFixture.Night1, night2.Mean), (NightlyRunFixture.Night2, night2.Mean), (NightlyRunFixture.Night3, night3.Mean)], detected.Trend);
    }

    [Fact]
    public void The_regression_is_reported_in_the_markdown_and_html_summaries()
    {
        var markdown = File.ReadAllText(nights.StorePath("nightly/2026-03-03/summary.md"));
        Assert.StartsWith("# Nightly evaluation 2026-03-03: regression\n", markdown, StringComparison.Ordinal);
        var change = markdown.Split('\n').Single(l => l.StartsWith("- **regression** cranfield / bm25 / bm25 nDCG@10", StringComparison.Ordinal));
        Assert.Contains("the previous night (2026-03-02)", change, StringComparison.Ordinal);
        Assert.Contains("| cranfield | bm25 | bm25 | nDCG@10 |", markdown, StringComparison.Ordinal);

        var html = File.ReadAllText(nights.StorePath("nightly/2026-03-03/summary.html"));
        Assert.Contains("<span class=\"status regression\" data-status=\"regression\">regression</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"regression\">regression</td>", html, StringComparison.Ordinal);
        // One trend chart per tracked measure, each with a dot per recorded night.
        Assert.Equal(2, Count(html, "<svg class=\"chart trend\""));
        Assert.Equal(6, Count(html, "<circle "));
        Assert.Contains("<title>2026-03-03: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_night_claims_its_date_once_and_writes_all_three_summaries()
    {
        foreach (var date in new[] { "2026-03-01", "2026-03-02", "2026-03-03" })
        {
            foreach (var file in new[] { "claim.json", "plan.json", "started.json", "finish.json", $"jobs/nightly-cranfield-bm25-{date.Replace("-", "", StringComparison.Ordinal)}.json", "summary.json", "summary.md", "summary.html" })
            {
                Assert.True(File.Exists(nights.StorePath($"nightly/{date}/{file}")), $"nightly/{date}/{file}");
            }
            using var claim = JsonDocument.Parse(File.ReadAllBytes(nights.StorePath($"nightly/{date}/claim.json")));
            Assert.Equal(date, claim.RootElement.GetProperty("date").GetString());
        }
        // The retrigger at 09:30 did not replace night 2's claim.
        using var night2 = JsonDocument.Parse(File.ReadAllBytes(nights.StorePath("nightly/2026-03-02/claim.json")));
        Assert.Equal("2026-03-02T02:00:00Z", night2.RootElement.GetProperty("claimedAt").GetString());
    }

    private static List<JsonElement> Tracked(byte[] summaryJson)
    {
        using var document = JsonDocument.Parse(summaryJson);
        return [.. document.RootElement.GetProperty("suites")[0].GetProperty("tracked").EnumerateArray().Select(e => e.Clone())];
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
