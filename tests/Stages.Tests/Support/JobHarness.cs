using System.Collections.Concurrent;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Running;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Queues;

namespace Pipeline.Stages.Tests.Support;

/// <summary>A job store in a temporary folder, the test inputs, and a way to run jobs in-process and read their results.</summary>
internal sealed class JobHarness : IDisposable
{
    /// <param name="downloads">Serve the store through <see cref="RemoteLikeStore"/>, so that stages download blobs
    /// to their scratch folder as they do from Azure, instead of reading the folder store's files in place.</param>
    public JobHarness(bool downloads = false)
    {
        Root = Directory.CreateTempSubdirectory("stages-tests-").FullName;
        Store = new LocalBlobStore(Path.Combine(Root, "store"));
        Environment = new StageEnvironment(downloads ? new RemoteLikeStore(Store) : Store, new JobInputs(InputRoot),
            scratchRoot: Path.Combine(Root, "scratch"));
        Dispatcher = new StageDispatcher(Environment);
        Dispatcher.TaskCommitted += (task, _) => Executions.AddOrUpdate(task.ToString(), 1, (_, n) => n + 1);
    }

    /// <summary>The input root: the test output's data folder (cranfield/, models/).</summary>
    public static string InputRoot => Path.Combine(AppContext.BaseDirectory, "data");

    public string Root { get; }

    public LocalBlobStore Store { get; }

    public StageEnvironment Environment { get; }

    public StageDispatcher Dispatcher { get; }

    public InMemoryQueueBroker Broker { get; } = new();

    /// <summary>How many times each task's work ran and committed (a skipped redelivery does not count).</summary>
    public ConcurrentDictionary<string, int> Executions { get; } = new(StringComparer.Ordinal);

    public static QueueWorkerOptions Workers(int parallel) => new()
    {
        Parallelism = parallel,
        RetryDelay = TimeSpan.Zero,
        MinPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
    };

    public Task<JobStatus> RunAsync(JobSpec spec, int parallel, IMessageQueueProvider? queues = null) =>
        new JobRunner(Dispatcher, queues ?? Broker, Workers(parallel)).RunAsync(spec);

    /// <summary>The result files of a job (runs, metrics, comparison), by name relative to the job folder.</summary>
    public SortedDictionary<string, byte[]> Results(string jobId)
    {
        var folder = Path.Combine(Store.Root, jobId);
        var results = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "runs")))
        {
            results["runs/" + Path.GetFileName(file)] = File.ReadAllBytes(file);
        }
        foreach (var name in new[] { "metrics.json", "comparison.json" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                results[name] = File.ReadAllBytes(path);
            }
        }
        return results;
    }

    public string JobFile(string jobId, string name) => Path.Combine(Store.Root, jobId, name);

    /// <summary>Cranfield with every first stage and a reranker: BM25, tiny bi-encoder, RRF, tiny cross-encoder, depth sweep.</summary>
    public static JobSpec FullSpec(string jobId, int shards, int blockSize = 50) => JobSpecReader.Read($$"""
        {
          "version": 1,
          "jobId": "{{jobId}}",
          "corpus": { "location": "cranfield/corpus.jsonl.gz", "onBadRecord": "skip" },
          "queries": { "location": "cranfield/queries.tsv" },
          "qrels": { "location": "cranfield/qrels.txt" },
          "sharding": { "shards": {{shards}} },
          "firstStage": {
            "bm25": { "k": 100 },
            "dense": { "model": { "location": "models/tiny-bert-bi", "maxLength": 128, "threads": 1 }, "k": 100 },
            "fusion": { "method": "rrf", "k": 100 }
          },
          "rerank": { "model": { "location": "models/tiny-bert-cross", "maxLength": 128, "threads": 1 }, "depth": 20, "scoresAreMeaningless": true },
          "evaluation": { "measures": ["ndcg_cut.10", "recip_rank@10", "map"], "depthSweep": [5, 10, 20] },
          "execution": { "queryBlockSize": {{blockSize}} }
        }
        """);

    /// <summary>Cranfield with BM25 only.</summary>
    public static JobSpec Bm25Spec(string jobId, int shards = 2, string corpus = "cranfield/corpus.jsonl.gz") => JobSpecReader.Read($$"""
        {
          "version": 1,
          "jobId": "{{jobId}}",
          "corpus": { "location": "{{corpus}}", "onBadRecord": "skip" },
          "queries": { "location": "cranfield/queries.tsv" },
          "qrels": { "location": "cranfield/qrels.txt" },
          "sharding": { "shards": {{shards}} },
          "firstStage": { "bm25": { "k": 100 } },
          "execution": { "queryBlockSize": 60 }
        }
        """);

    public static IEnumerable<string> Units(JobLayout layout, Stage stage, string storeRoot)
    {
        var folder = Path.Combine(storeRoot, layout.DonePrefix(stage).TrimEnd('/'));
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(Path.GetFileNameWithoutExtension).OfType<string>() : [];
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
