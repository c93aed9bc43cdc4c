using System.Diagnostics;
using Pipeline.Core.Tasks;
using Pipeline.Nightly.Suites;
using Pipeline.Stages;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Queues;

namespace Pipeline.Nightly.Tests.Support;

/// <summary>
/// A night on queues, piece by piece: a job store in a temporary folder (its writes counted), suites in a folder, the
/// Cranfield inputs, a settable clock and in-memory queues with the Storage-queue semantics. The test starts the night
/// (as the timer does) and then drains the queues with stage workers (as the Function app does).
/// </summary>
internal sealed class NightHarness : IDisposable
{
    public NightHarness(string suiteJson, DateTimeOffset now)
    {
        Root = Directory.CreateTempSubdirectory("nightly-queues-").FullName;
        StoreRoot = Path.Combine(Root, "store");
        SuitesFolder = Directory.CreateDirectory(Path.Combine(Root, "suites")).FullName;
        File.WriteAllText(Path.Combine(SuitesFolder, "suite.json"), suiteJson);
        Clock = new SettableClock(now);
        Store = new CountingBlobStore(new LocalBlobStore(StoreRoot));
        Environment = new StageEnvironment(Store, new JobInputs(Path.Combine(AppContext.BaseDirectory, "data")), timeProvider: Clock,
            scratchRoot: Path.Combine(Root, "scratch"));
    }

    public string Root { get; }

    public string StoreRoot { get; }

    public string SuitesFolder { get; }

    public SettableClock Clock { get; }

    public CountingBlobStore Store { get; }

    public StageEnvironment Environment { get; }

    public InMemoryQueueBroker Broker { get; } = new();

    public SuiteSource Suites => SuiteSource.Folder(SuitesFolder);

    public static QueueWorkerOptions Workers(int parallel) => new()
    {
        Parallelism = parallel,
        RetryDelay = TimeSpan.Zero,
        MinPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
    };

    public string StorePath(string name) => Path.Combine(StoreRoot, name);

    /// <summary>Messages held by each stage queue (visible or not), by queue name; empty queues left out.</summary>
    public SortedDictionary<string, int> QueueCounts()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var stage in StageNames.All)
        {
            var count = Broker.GetInMemoryQueue(StageNames.Queue(stage)).Count;
            if (count > 0)
            {
                counts[StageNames.Queue(stage)] = count;
            }
        }
        return counts;
    }

    /// <summary>The tasks on <paramref name="queue"/>, read and made visible again at once (for the workers that follow).</summary>
    public async Task<List<StageTask>> PeekAsync(string queue)
    {
        var q = Broker.GetQueue(queue);
        var received = await q.ReceiveAsync(32, TimeSpan.FromMinutes(1));
        foreach (var message in received)
        {
            await q.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
        }
        return [.. received.Select(m => StageTask.Parse(m.Text)).OrderBy(t => t.JobId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs stage workers on <paramref name="queues"/> (the broker by default) until the night's <c>summary.json</c> exists,
    /// then lets them stop; fails the test after two minutes.
    /// </summary>
    public async Task DrainAsync(DateOnly night, int parallel = 2, IMessageQueueProvider? queues = null, Action<StageTask, StageOutcome>? handled = null)
    {
        var worker = new QueueWorker(queues ?? Broker, new StageDispatcher(Environment), Workers(parallel));
        if (handled is not null)
        {
            worker.Handled += handled;
        }
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            while (!File.Exists(StorePath(NightlyLayout.SummaryJson(night))))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the night's summary did not appear within two minutes");
                Assert.False(running.IsCompleted, "the workers stopped before the night ended");
                await Task.Delay(20);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    public void Dispose()
    {
        Environment.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
