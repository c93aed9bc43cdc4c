using System.Diagnostics;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Tests.Serve;
using Pipeline.Functions.Tests.Support;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Hosting;

/// <summary>
/// <c>pipeline nightly</c> with a blob store: it starts the night on the account's stage queues (a real Azurite) as the
/// timer does, and either returns (<c>--no-wait</c>) or waits for the summary while a real <c>pipeline worker</c> runs
/// the jobs.
/// </summary>
public sealed class NightlyOnAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string InputRoot = NightlyCommandFixture.InputRoot;

    [AzuriteDuckDbFact]
    public async Task A_night_queued_by_hand_is_run_by_workers_and_a_waiting_run_exits_with_its_status()
    {
        azurite.EnsureRunning();
        using var suites = new TempDirectory();
        File.WriteAllText(suites.File("cran.json"), NightlyCommandFixture.Suite(0.9));
        var (container, store) = await AzuriteBlobs.ContainerAsync(azurite, "nightlycli");
        using var queues = new AzureQueueService(azurite.Connection);
        string[] Nightly(string date, params string[] extra) =>
            ["nightly", "--suites", suites.Path, "--date", date, "--store", $"az://{container}", "--connection", azurite.ConnectionString, "--inputs", InputRoot, .. extra];
        using (store)
        {
            var queued = NightlyCommandFixture.Cli(Nightly("2026-05-01", "--no-wait"));

            Assert.True(queued.Exit == 0, queued.Err);
            Assert.Contains("nightly 2026-05-01: started; 1 job(s) queued on the storage queues\n", queued.Out, StringComparison.Ordinal);
            Assert.Equal([new StageTask("nightly-cran-bm25-20260501", Stage.Prepare).ToMessage()], await ServeNightlyTests.PeekAsync(queues, "prepare-job"));
            Assert.False(await store.ExistsAsync("nightly/2026-05-01/summary.json"));

            // The same date again while its job waits: nothing is queued.
            var again = NightlyCommandFixture.Cli(Nightly("2026-05-01"));
            Assert.Equal(4, again.Exit);
            Assert.Contains("nightly 2026-05-01: in progress", again.Out, StringComparison.Ordinal);
            Assert.Single(await ServeNightlyTests.PeekAsync(queues, "prepare-job"));

            using var worker = new PipelineProcess(["worker", "--store", $"az://{container}", "--inputs", InputRoot, "--visibility-timeout", "4"],
                new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString });
            try
            {
                // A second night, started and waited for.
                var waiting = Task.Run(() => NightlyCommandFixture.Cli(Nightly("2026-05-02")));
                var finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMinutes(4)));
                Assert.True(finished == waiting, $"pipeline nightly did not return within 4 minutes; worker log:\n{worker.Output}");
                var night2 = await waiting;
                Assert.True(night2.Exit == 0, night2.Out + night2.Err + worker.Output);
                Assert.Contains("waiting for the night's summary", night2.Err, StringComparison.Ordinal);
                Assert.Contains("job nightly-cran-bm25-20260502: completed", night2.Err, StringComparison.Ordinal);
                Assert.Contains("nightly 2026-05-02: ok\n", night2.Out, StringComparison.Ordinal);
                Assert.True(await store.ExistsAsync("history/cran/bm25/2026-05-02.json"));

                var clock = Stopwatch.StartNew();
                while (!await store.ExistsAsync("nightly/2026-05-01/summary.json"))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"night 2026-05-01 has no summary; worker log:\n{worker.Output}");
                    await Task.Delay(250);
                }
            }
            finally
            {
                worker.Signal(15);
                await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }

            var done = NightlyCommandFixture.Cli(Nightly("2026-05-01"));
            Assert.True(done.Exit == 0, done.Err);
            Assert.StartsWith("nightly 2026-05-01: already run; nothing started\n", done.Out, StringComparison.Ordinal);
            Assert.Contains("nightly 2026-05-01: ok\n", done.Out, StringComparison.Ordinal);
            foreach (var stage in StageNames.All)
            {
                Assert.Empty(await ServeNightlyTests.PeekAsync(queues, StageNames.Queue(stage)));
            }
        }
    }
}
