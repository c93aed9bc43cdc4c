using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb;
using Pipeline.Evaluation.Comparison;
using Pipeline.Evaluation.Depth;
using Pipeline.Formats.Trec;
using Pipeline.Reporting.Assembly;
using Pipeline.Reporting.Html;
using Pipeline.Reporting.Markdown;
using Pipeline.Reporting.Model;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Aggregate: the final runs (first stages, fusion, rerank, rerank at each sweep depth) from the blocks, every measure
/// of every run (<c>metrics.json</c>), paired tests against the baseline, the report, and the manifest. Everything
/// but the report's time stamp and the manifest's timings depends only on the inputs and the spec.
/// </summary>
internal sealed class AggregateHandler : IStageHandler
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var spec = job.Spec;
        // Every block has been retrieved, merged and reranked: this process no longer needs the shard indexes,
        // searchers or embeddings of the job (the global statistics stay: the manifest reports them).
        foreach (var prefix in new[] { job.Layout.Root + "work/index/shard-", "bm25-searcher/", "embeddings/", "query-embeddings/" })
        {
            job.Environment.Resources.Evict(job.CacheKey(prefix));
        }
        var queries = await StageData.QueriesAsync(job, cancellationToken).ConfigureAwait(false);
        var runs = new List<(string Name, TrecRun Run)>();
        foreach (var name in spec.FirstStage.RunNames)
        {
            runs.Add((name, await ConcatenateAsync(job, name, b => job.Layout.BlockRun(name, b), cancellationToken).ConfigureAwait(false)));
        }
        if (spec.Rerank is { } rerank)
        {
            var reranked = await ConcatenateAsync(job, RunName.Rerank, job.Layout.RerankedBlock, cancellationToken).ConfigureAwait(false);
            runs.Add((RunName.Rerank, reranked));
            var input = runs.First(r => r.Name == rerank.Input).Run;
            foreach (var depth in spec.Evaluation.DepthSweep)
            {
                var name = RunName.RerankAt(depth);
                var cut = RerankDepthSweep.AtDepth(input, reranked, depth, name);
                runs.Add((name, cut));
            }
        }
        foreach (var (name, run) in runs)
        {
            var local = job.Environment.Files.NewLocalPath(name + ".trec");
            using (var writer = new TrecRunWriter(local, name))
            {
                foreach (var query in queries)
                {
                    if (run.ForQuery(query.QueryId) is { } docs)
                    {
                        writer.WriteQuery(query.QueryId, docs);
                    }
                }
            }
            await job.Environment.Files.UploadFileAsync(job.Layout.Run(name), local, cancellationToken).ConfigureAwait(false);
        }
        if (spec.Qrels is not null)
        {
            var qrelsPath = await job.Environment.Files.LocalPathAsync(job.Layout.Qrels, cancellationToken).ConfigureAwait(false);
            var qrels = QrelsReader.Read(qrelsPath);
            await WriteMetricsAsync(job, qrels, runs, cancellationToken).ConfigureAwait(false);
            await WriteReportAsync(job, qrels, runs, cancellationToken).ConfigureAwait(false);
        }
        await WriteManifestAsync(job, runs, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TrecRun> ConcatenateAsync(JobContext job, string name, Func<int, string> blockName, CancellationToken cancellationToken)
    {
        var lines = new List<(string, string, double)>();
        for (var b = 0; b < job.Blocks; b++)
        {
            var block = await StageData.RunAsync(job, blockName(b), cancellationToken).ConfigureAwait(false);
            foreach (var queryId in block.QueryIds)
            {
                foreach (var doc in block.ForQuery(queryId)!)
                {
                    lines.Add((queryId, doc.DocId, doc.Score));
                }
            }
        }
        return TrecRun.FromResults(name, lines);
    }

    private static async Task WriteMetricsAsync(JobContext job, Qrels qrels, List<(string Name, TrecRun Run)> runs, CancellationToken cancellationToken)
    {
        var evaluation = job.Spec.Evaluation;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("jobId", job.Spec.JobId);
            json.WriteStartArray("measures");
            foreach (var measure in evaluation.Measures)
            {
                json.WriteStringValue(measure);
            }
            json.WriteEndArray();
            json.WriteNumber("relevanceLevel", evaluation.RelevanceLevel);
            json.WriteStartObject("runs");
            foreach (var (name, run) in runs)
            {
                var values = MeasureSet.Evaluate(qrels, run, evaluation.Measures, evaluation.RelevanceLevel, complete: false);
                json.WriteStartObject(name);
                json.WriteStartObject("all");
                foreach (var (value, summary, _) in values)
                {
                    json.WriteNumber(value, summary);
                }
                json.WriteEndObject();
                json.WriteStartObject("perQuery");
                var queryIds = values.SelectMany(v => v.PerQuery.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                foreach (var queryId in queryIds)
                {
                    json.WriteStartObject(queryId);
                    foreach (var (value, _, perQuery) in values)
                    {
                        if (perQuery.TryGetValue(queryId, out var number))
                        {
                            json.WriteNumber(value, number);
                        }
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        await job.Environment.Files.UploadBytesAsync(job.Layout.Metrics, buffer.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The baseline of the significance tests: the spec's, else the reranked first stage, else the first run.</summary>
    internal static string Baseline(JobSpec spec) => spec.Evaluation.Baseline ?? spec.Rerank?.Input ?? spec.FirstStage.RunNames[0];

    private static async Task WriteReportAsync(JobContext job, Qrels qrels, List<(string Name, TrecRun Run)> runs, CancellationToken cancellationToken)
    {
        var spec = job.Spec;
        var evaluation = spec.Evaluation;
        var title = $"Job {spec.JobId}";
        if (spec.Rerank is { ScoresAreMeaningless: true })
        {
            title += " — reranked with a random-weight test model: its scores are meaningless";
        }
        var baseline = Baseline(spec);
        var ordered = runs.Where(r => r.Name == baseline).Concat(runs.Where(r => r.Name != baseline)).ToList();
        var perQuery = ordered.Select(r => (r.Name, Values: MeasureSet.Evaluate(qrels, r.Run, evaluation.Measures, evaluation.RelevanceLevel, complete: true))).ToList();
        var measures = perQuery[0].Values.Select(v => v.Name).ToList();
        EvaluationReport report;
        if (ordered.Count == 1)
        {
            report = new EvaluationReport
            {
                Title = title,
                GeneratedAt = job.Environment.Time.GetUtcNow(),
                QrelsFile = spec.Qrels!.Location,
                Runs = [new ReportRun(baseline, isBaseline: true, file: $"runs/{baseline}.trec")],
                Measures = [.. measures.Select(m => new ReportMeasure(m))],
                Metrics = [.. perQuery[0].Values.Select(v => new MetricCell(baseline, v.Name, v.Summary))],
            };
        }
        else
        {
            var significance = evaluation.Significance;
            var options = new ComparisonOptions { Permutations = significance.Permutations, Seed = significance.Seed, SignificanceLevel = significance.Level };
            var tables = perQuery.Select(p => (p.Name, (IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>)p.Values
                .ToDictionary(v => v.Name, v => v.PerQuery, StringComparer.Ordinal))).ToList();
            var comparison = ComparisonBuilder.Compare(tables, measures, options);
            DepthSweep? sweep = null;
            if (spec.Rerank is { } rerank && evaluation.DepthSweep.Count > 0)
            {
                var (measure, cut) = MeasureSet.Split(evaluation.Measures[0]);
                var sweepOptions = new Pipeline.Evaluation.EvaluationOptions
                {
                    Measures = [measure],
                    RelevanceLevel = evaluation.RelevanceLevel,
                    MaxDocsPerQuery = cut,
                    CompleteQueries = true,
                };
                var valueName = Pipeline.Evaluation.MeasureValueNames.Resolve([measure], sweepOptions).First(v => v.IsComparable).Name;
                sweep = ComparisonReportAssembler.Sweep(qrels, [runs.First(r => r.Name == rerank.Input).Run, runs.First(r => r.Name == RunName.Rerank).Run],
                    [rerank.Input, RunName.Rerank], [.. evaluation.DepthSweep], valueName, sweepOptions);
            }
            await job.Environment.Files.UploadTextAsync(job.Layout.Comparison, ComparisonJsonWriter.Serialize(comparison) + "\n",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            report = ComparisonReportAssembler.Build(title, job.Environment.Time.GetUtcNow(), spec.Qrels!.Location,
                [.. ordered.Select(r => (string?)$"runs/{r.Name}.trec")], comparison, [.. tables.Select(t => t.Item2)],
                significance.Test == "randomization" ? SignificanceTest.Randomization : SignificanceTest.TTest, sweep);
        }
        await job.Environment.Files.UploadTextAsync(job.Layout.ReportMarkdown, Render(report, MarkdownReportWriter.Write), cancellationToken: cancellationToken).ConfigureAwait(false);
        await job.Environment.Files.UploadTextAsync(job.Layout.ReportHtml, Render(report, HtmlReportWriter.Write), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string Render(EvaluationReport report, Action<EvaluationReport, TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(report, writer);
        return writer.ToString();
    }

    private static async Task WriteManifestAsync(JobContext job, List<(string Name, TrecRun Run)> runs, CancellationToken cancellationToken)
    {
        var spec = job.Spec;
        var files = job.Environment.Files;
        var corpusManifest = await files.ReadTextAsync(job.Layout.CorpusManifest, cancellationToken).ConfigureAwait(false);
        var plan = await files.ReadTextAsync(job.Layout.Plan, cancellationToken).ConfigureAwait(false);
        using var corpus = JsonDocument.Parse(corpusManifest!);
        using var planJson = JsonDocument.Parse(plan!);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("jobId", spec.JobId);
            json.WriteStartObject("tool");
            json.WriteString("name", "pipeline");
            json.WriteString("version", ToolVersion());
            json.WriteString("onnxRuntime", OnnxRuntimeVersion());
            json.WriteString("duckDb", DuckDbLibrary.Version);
            json.WriteString("dotnet", System.Environment.Version.ToString());
            json.WriteEndObject();
            json.WriteStartObject("corpus");
            json.WriteString("location", spec.Corpus.Location);
            json.WriteString("sha256", corpus.RootElement.GetProperty("source").GetProperty("sha256").GetString());
            json.WriteNumber("bytes", corpus.RootElement.GetProperty("source").GetProperty("bytes").GetInt64());
            json.WriteNumber("documents", corpus.RootElement.GetProperty("documents").GetInt64());
            json.WriteNumber("skippedRecords", corpus.RootElement.GetProperty("badRecords").GetInt64()
                + corpus.RootElement.GetProperty("duplicateRecords").GetInt64());
            json.WriteNumber("shards", job.Shards);
            if (spec.FirstStage.Bm25 is not null)
            {
                var statistics = await StageData.StatisticsAsync(job, cancellationToken).ConfigureAwait(false);
                json.WriteNumber("bm25Documents", statistics.DocCount);
                json.WriteNumber("averageLength", statistics.AverageLength);
                json.WriteNumber("terms", statistics.DocFrequencies.Count);
            }
            json.WriteEndObject();
            json.WriteStartObject("queries");
            json.WriteString("location", spec.Queries.Location);
            json.WriteString("sha256", planJson.RootElement.GetProperty("queriesSha256").GetString());
            json.WriteNumber("count", planJson.RootElement.GetProperty("queries").GetInt32());
            json.WriteNumber("blocks", job.Blocks);
            json.WriteEndObject();
            if (spec.Qrels is not null)
            {
                json.WriteStartObject("qrels");
                json.WriteString("location", spec.Qrels.Location);
                json.WriteString("sha256", planJson.RootElement.GetProperty("qrelsSha256").GetString());
                json.WriteEndObject();
            }
            if (spec.FirstStage.Bm25 is { } bm25)
            {
                json.WriteStartObject("bm25");
                json.WriteNumber("k1", bm25.K1);
                json.WriteNumber("b", bm25.B);
                json.WriteString("analyzer", bm25.Analyzer);
                json.WriteString("fields", string.Join(",", bm25.Fields));
                json.WriteNumber("k", bm25.K);
                json.WriteEndObject();
            }
            if (spec.FirstStage.Dense is { } dense)
            {
                await WriteModelAsync(json, "denseModel", job, dense.Model.Location, "$.firstStage.dense.model.location", cancellationToken).ConfigureAwait(false);
            }
            if (spec.Rerank is { } rerank)
            {
                await WriteModelAsync(json, "rerankModel", job, rerank.Model.Location, "$.rerank.model.location", cancellationToken).ConfigureAwait(false);
            }
            json.WriteStartObject("runs");
            foreach (var (name, run) in runs)
            {
                json.WriteStartObject(name);
                json.WriteString("file", $"runs/{name}.trec");
                json.WriteNumber("queries", run.QueryCount);
                json.WriteNumber("lines", run.LineCount);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        await files.UploadBytesAsync(job.Layout.Manifest, buffer.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteModelAsync(Utf8JsonWriter json, string name, JobContext job, string location, string field, CancellationToken cancellationToken)
    {
        var folder = await job.Environment.Inputs.FolderAsync(location, field, cancellationToken).ConfigureAwait(false);
        json.WriteStartObject(name);
        json.WriteString("location", location);
        await using (var model = File.OpenRead(Path.Combine(folder, "model.onnx")))
        {
            json.WriteString("sha256", Convert.ToHexStringLower(await SHA256.HashDataAsync(model, cancellationToken).ConfigureAwait(false)));
        }
        json.WriteEndObject();
    }

    internal static string ToolVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AggregateHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string OnnxRuntimeVersion()
    {
        try
        {
            return Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return "not loaded";
        }
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
