using Pipeline.Core.Tasks;
using Pipeline.Nightly.Tests.Support;

namespace Pipeline.Nightly.Tests;

/// <summary>
/// One night of two jobs as the Function app runs it: the timer's start puts the jobs on the queues and returns; two
/// more triggers come while the jobs wait; stage workers then drain the queues; one more trigger comes after the summary.
/// What each step left behind is kept for the tests.
/// </summary>
public sealed class QueuedNightFixture : IAsyncLifetime
{
    public static readonly DateOnly Night = new(2026, 4, 1);

    internal NightHarness Harness { get; } = new(SampleSuite.TwoJobs(), new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero));

    public NightlyStart Start { get; private set; } = null!;

    public SortedDictionary<string, int> QueuesAfterStart { get; private set; } = null!;

    public List<StageTask> PreparesAfterStart { get; private set; } = null!;

    /// <summary>Files under any job's work/done/ right after the start.</summary>
    public int MarkersAfterStart { get; private set; }

    public bool SummaryAfterStart { get; private set; }

    public NightlyStart SameTimerAgain { get; private set; } = null!;

    public NightlyStart ByHandMeanwhile { get; private set; } = null!;

    public SortedDictionary<string, int> QueuesAfterRetriggers { get; private set; } = null!;

    public NightlyStart AfterSummary { get; private set; } = null!;

    public SortedDictionary<string, int> QueuesAfterLastTrigger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starter = new NightlyStarter(Harness.Environment);
        Start = await starter.StartAsync(Harness.Suites, null, Harness.Broker, "NightlyEvaluation");
        QueuesAfterStart = Harness.QueueCounts();
        PreparesAfterStart = await Harness.PeekAsync(StageNames.Queue(Stage.Prepare));
        MarkersAfterStart = Directory.EnumerateDirectories(Harness.StoreRoot, "nightly-*")
            .Sum(job => Directory.Exists(Path.Combine(job, "work", "done")) ? Directory.EnumerateFiles(Path.Combine(job, "work", "done"), "*", SearchOption.AllDirectories).Count() : 0);
        SummaryAfterStart = File.Exists(Harness.StorePath(NightlyLayout.SummaryJson(Night)));

        Harness.Clock.Now = Harness.Clock.Now.AddMinutes(1);
        SameTimerAgain = await starter.StartAsync(Harness.Suites, Night, Harness.Broker, "NightlyEvaluation");
        ByHandMeanwhile = await new NightlyStarter(Harness.Environment).StartAsync(Harness.Suites, Night, Harness.Broker, "pipeline nightly by hand");
        QueuesAfterRetriggers = Harness.QueueCounts();

        await Harness.DrainAsync(Night);

        Harness.Clock.Now = Harness.Clock.Now.AddHours(7);
        AfterSummary = await starter.StartAsync(Harness.Suites, Night, Harness.Broker, "NightlyEvaluation");
        QueuesAfterLastTrigger = Harness.QueueCounts();
    }

    public Task DisposeAsync()
    {
        Harness.Dispose();
        return Task.CompletedTask;
    }
}
