using Pipeline.Nightly.Suites;
using Pipeline.Nightly.Tests.Support;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Core.Tasks;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Queues;

namespace Pipeline.Nightly.Tests;

/// <summary>
/// Three simulated nights of the sample suite in one job store: nights 1 and 2 run the same job; night 2 is then
/// triggered again; night 3 runs it with BM25's k1 changed from 0.9 to 0.1 (the planted regression).
/// </summary>
public sealed class NightlyRunFixture : IDisposable
{
    public static readonly DateOnly Night1 = new(2026, 3, 1);
    public static readonly DateOnly Night2 = new(2026, 3, 2);
    public static readonly DateOnly Night3 = new(2026, 3, 3);

    public NightlyRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("nightly-tests-").FullName;
        StoreRoot = Path.Combine(Root, "store");
        SuitesFolder = Directory.CreateDirectory(Path.Combine(Root, "suites")).FullName;
        File.WriteAllText(Path.Combine(SuitesFolder, "cranfield.json"), SampleSuite.Json());

        // Night 1 takes its date from the clock (02:00 UTC on 1 March), as the timer function does.
        Night1Result = Run(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), date: null);
        Night2Result = Run(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero), Night2);
        Night2SummaryBytes = File.ReadAllBytes(StorePath($"nightly/2026-03-02/summary.json"));
        JobFoldersBeforeRetrigger = JobFolders();
        Night2Retrigger = Run(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), Night2);
        // The timer's path too: a start on the app's queues (here in-memory ones) for the done date.
        (Night2TimerRetrigger, MessagesAfterTimerRetrigger) = StartOnQueues(new DateTimeOffset(2026, 3, 2, 9, 45, 0, TimeSpan.Zero), Night2);
        JobFoldersAfterRetrigger = JobFolders();

        File.WriteAllText(Path.Combine(SuitesFolder, "cranfield.json"), SampleSuite.Json(k1: 0.1));
        Night3Result = Run(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero), Night3);
    }

    public string Root { get; }

    public string StoreRoot { get; }

    public string SuitesFolder { get; }

    public NightlyResult Night1Result { get; }

    public NightlyResult Night2Result { get; }

    public byte[] Night2SummaryBytes { get; }

    public IReadOnlyList<string> JobFoldersBeforeRetrigger { get; }

    public NightlyResult Night2Retrigger { get; }

    public NightlyStart Night2TimerRetrigger { get; }

    /// <summary>The messages on every stage queue after <see cref="Night2TimerRetrigger"/>.</summary>
    public int MessagesAfterTimerRetrigger { get; }

    public IReadOnlyList<string> JobFoldersAfterRetrigger { get; }

    public NightlyResult Night3Result { get; }

    public string StorePath(string name) => Path.Combine(StoreRoot, name);

    public IReadOnlyList<string> JobFolders() =>
        [.. Directory.EnumerateDirectories(StoreRoot, "nightly-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private (NightlyStart Start, int Messages) StartOnQueues(DateTimeOffset now, DateOnly date)
    {
        using var environment = new StageEnvironment(new LocalBlobStore(StoreRoot), new JobInputs(Path.Combine(AppContext.BaseDirectory, "data")),
            timeProvider: new FixedClock(now), scratchRoot: Path.Combine(Root, "scratch"));
        var broker = new InMemoryQueueBroker();
        var start = new NightlyStarter(environment).StartAsync(SuiteSource.Folder(SuitesFolder), date, broker, "NightlyEvaluation").GetAwaiter().GetResult();
        return (start, StageNames.All.Sum(s => broker.GetInMemoryQueue(StageNames.Queue(s)).Count));
    }

    private NightlyResult Run(DateTimeOffset now, DateOnly? date)
    {
        using var environment = new StageEnvironment(new LocalBlobStore(StoreRoot), new JobInputs(Path.Combine(AppContext.BaseDirectory, "data")),
            timeProvider: new FixedClock(now), scratchRoot: Path.Combine(Root, "scratch"));
        var options = new NightlyOptions
        {
            Workers = new QueueWorkerOptions
            {
                Parallelism = 2,
                RetryDelay = TimeSpan.Zero,
                MinPollInterval = TimeSpan.FromMilliseconds(5),
                MaxPollInterval = TimeSpan.FromMilliseconds(50),
            },
        };
        return new NightlyRunner(environment, options).RunAsync(SuiteSource.Folder(SuitesFolder), date).GetAwaiter().GetResult();
    }
}
