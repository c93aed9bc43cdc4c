using System.Text;
using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Onnx;
using Pipeline.Reranking;
using Pipeline.Reranking.Dense;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Storage;
using Pipeline.Tokenization;

namespace Pipeline.Stages.Handlers;

/// <summary>Reading the job's committed data, shared by the handlers: queries, blocks, indexes, statistics, models.</summary>
internal static class StageData
{
    /// <summary>The job's queries in input order (written by Prepare), loaded once per process.</summary>
    public static async Task<IReadOnlyList<Query>> QueriesAsync(JobContext job, CancellationToken cancellationToken)
    {
        var path = await job.Environment.Files.LocalPathAsync(job.Layout.Queries, cancellationToken).ConfigureAwait(false);
        return job.Environment.Resources.GetOrCreate(job.CacheKey("queries"),
            () => new QueryList(QueryReader.Read(path, new QueryReaderOptions { Format = QueryFormat.Jsonl }))).Queries;
    }

    /// <summary>The queries of block <paramref name="block"/>.</summary>
    public static async Task<IReadOnlyList<Query>> BlockAsync(JobContext job, int block, CancellationToken cancellationToken)
    {
        var queries = await QueriesAsync(job, cancellationToken).ConfigureAwait(false);
        var size = job.Spec.Execution.QueryBlockSize;
        var start = block * size;
        return [.. queries.Skip(start).Take(size)];
    }

    /// <summary>The global BM25 statistics, loaded once per process.</summary>
    public static async Task<CollectionStatistics> StatisticsAsync(JobContext job, CancellationToken cancellationToken)
    {
        var path = await job.Environment.Files.LocalPathAsync(job.Layout.Bm25Statistics, cancellationToken).ConfigureAwait(false);
        return job.Environment.Resources.GetOrCreate(job.CacheKey("statistics"), () => StatisticsFile.Read(path).Statistics);
    }

    /// <summary>The BM25 parameters of the spec.</summary>
    public static Bm25Parameters Bm25Parameters(Bm25Spec spec) => new() { K1 = spec.K1, B = spec.B };

    /// <summary>The fields of the spec.</summary>
    public static IndexFields Fields(Bm25Spec spec) =>
        (spec.Fields.Contains("title") ? IndexFields.Title : IndexFields.None) | (spec.Fields.Contains("text") ? IndexFields.Text : IndexFields.None);

    /// <summary>Session options for a model of the spec.</summary>
    public static OnnxSessionOptions Session(ModelSpec model) => new()
    {
        Device = OnnxDevice.Parse(model.Device),
        RequireGpu = model.RequireDevice,
        IntraOpThreads = model.Threads,
        CudaProviderOptions = model.CudaOptions?.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
    };

    /// <summary>The cross-encoder options of the spec.</summary>
    public static CrossEncoderOptions CrossEncoderOptions(RerankSpec rerank) => new()
    {
        MaxLength = rerank.Model.MaxLength,
        MaxQueryTokens = rerank.MaxQueryTokens,
        TokenBudget = rerank.Model.TokenBudget,
        MaxBatchSize = rerank.Model.MaxBatchSize,
        PassageLength = rerank.Passages?.Length,
        PassageStride = rerank.Passages?.Stride ?? 0,
        Aggregation = rerank.Passages?.Aggregation switch { "first" => PassageAggregation.First, "sum" => PassageAggregation.Sum, _ => PassageAggregation.Max },
        MaxPassagesPerDocument = rerank.Passages?.MaxPerDocument ?? 16,
        Session = Session(rerank.Model),
    };

    /// <summary>The bi-encoder options of the spec.</summary>
    public static BiEncoderOptions BiEncoderOptions(DenseSpec dense) => new()
    {
        MaxLength = dense.Model.MaxLength,
        Pooling = dense.Pooling == "cls" ? EmbeddingPooling.Cls : EmbeddingPooling.Mean,
        Normalize = dense.Normalize,
        TokenBudget = dense.Model.TokenBudget,
        MaxBatchSize = dense.Model.MaxBatchSize,
        Session = Session(dense.Model),
    };

    /// <summary>The job's cross-encoder, opened once per process.</summary>
    public static async Task<CrossEncoder> CrossEncoderAsync(JobContext job, CancellationToken cancellationToken)
    {
        var rerank = job.Spec.Rerank!;
        var folder = await job.Environment.Inputs.FolderAsync(rerank.Model.Location, "$.rerank.model.location", cancellationToken).ConfigureAwait(false);
        return job.Environment.Resources.GetOrCreate(job.CacheKey("cross-encoder"),
            () => OpenModel("$.rerank.model", () => CrossEncoder.Open(folder, CrossEncoderOptions(rerank), job.Environment.Logger)));
    }

    /// <summary>The job's bi-encoder, opened once per process.</summary>
    public static async Task<BiEncoder> BiEncoderAsync(JobContext job, CancellationToken cancellationToken)
    {
        var dense = job.Spec.FirstStage.Dense!;
        var folder = await job.Environment.Inputs.FolderAsync(dense.Model.Location, "$.firstStage.dense.model.location", cancellationToken).ConfigureAwait(false);
        return job.Environment.Resources.GetOrCreate(job.CacheKey("bi-encoder"),
            () => OpenModel("$.firstStage.dense.model", () => BiEncoder.Open(folder, BiEncoderOptions(dense))));
    }

    /// <summary>Opens a model, turning the reasons it cannot be opened into a permanent failure naming <paramref name="field"/>.</summary>
    public static T OpenModel<T>(string field, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is OnnxModelException or TokenizerException or InvalidDataException or IOException
            or ArgumentException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new StageInputException($"{field}: the model cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>Reads a run file of the store (an intermediate or final run).</summary>
    public static async Task<TrecRun> RunAsync(JobContext job, string name, CancellationToken cancellationToken)
    {
        var path = await job.Environment.Files.LocalPathAsync(name, cancellationToken).ConfigureAwait(false);
        return TrecRunReader.Read(path);
    }

    /// <summary>Writes per-query lists as a run file and uploads it to <paramref name="name"/>.</summary>
    public static async Task WriteRunAsync(JobContext job, string name, string runTag,
        IEnumerable<(string QueryId, IEnumerable<ScoredDoc> Docs)> queries, CancellationToken cancellationToken)
    {
        var local = job.Environment.Files.NewLocalPath(Path.GetFileName(name));
        using (var writer = new TrecRunWriter(local, runTag))
        {
            foreach (var (queryId, docs) in queries)
            {
                writer.WriteQuery(queryId, docs);
            }
        }
        await job.Environment.Files.UploadFileAsync(name, local, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads document texts written by Merge (JSON lines <c>{"id":…,"text":…}</c>).</summary>
    public static async Task<Dictionary<string, string>> TextsAsync(JobContext job, int block, CancellationToken cancellationToken)
    {
        var path = await job.Environment.Files.LocalPathAsync(job.Layout.BlockTexts(block), cancellationToken).ConfigureAwait(false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            using var json = JsonDocument.Parse(line);
            texts[json.RootElement.GetProperty("id").GetString()!] = json.RootElement.GetProperty("text").GetString()!;
        }
        return texts;
    }

    private sealed class QueryList(IReadOnlyList<Query> queries)
    {
        public IReadOnlyList<Query> Queries { get; } = queries;
    }
}
