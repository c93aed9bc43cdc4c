using System.Text;
using System.Text.Json;

namespace Pipeline.Core.Jobs;

/// <summary>
/// Writes a spec as normalized JSON: every field present with its value (defaults filled), a fixed field order and
/// indentation, so equal specs give equal bytes. <see cref="JobSpecReader"/> reads it back to an equal spec.
/// </summary>
public static class JobSpecWriter
{
    /// <summary>The normalized JSON of <paramref name="spec"/> (UTF-8, indented by two spaces, <c>\n</c> line ends on every platform, ending with a newline).</summary>
    public static byte[] ToJson(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", spec.Version);
            json.WriteString("jobId", spec.JobId);
            json.WriteStartObject("corpus");
            json.WriteString("location", spec.Corpus.Location);
            json.WriteString("format", spec.Corpus.Format);
            if (spec.Corpus.IdField is not null)
            {
                json.WriteString("idField", spec.Corpus.IdField);
            }
            json.WriteString("titleField", spec.Corpus.TitleField);
            json.WriteString("textField", spec.Corpus.TextField);
            json.WriteString("onBadRecord", spec.Corpus.OnBadRecord);
            json.WriteEndObject();
            WriteInput(json, "queries", spec.Queries);
            if (spec.Qrels is not null)
            {
                WriteInput(json, "qrels", spec.Qrels);
            }
            json.WriteStartObject("sharding");
            if (spec.Sharding.Shards is { } shards)
            {
                json.WriteNumber("shards", shards);
            }
            if (spec.Sharding.ShardDocs is { } shardDocs)
            {
                json.WriteNumber("shardDocs", shardDocs);
            }
            json.WriteEndObject();
            WriteFirstStage(json, spec.FirstStage);
            if (spec.Rerank is { } rerank)
            {
                WriteRerank(json, rerank);
            }
            if (spec.Qrels is not null)
            {
                WriteEvaluation(json, spec.Evaluation);
            }
            json.WriteStartObject("execution");
            json.WriteNumber("queryBlockSize", spec.Execution.QueryBlockSize);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The normalized JSON as text.</summary>
    public static string ToJsonText(JobSpec spec) => Encoding.UTF8.GetString(ToJson(spec));

    private static void WriteInput(Utf8JsonWriter json, string name, InputSpec input)
    {
        json.WriteStartObject(name);
        json.WriteString("location", input.Location);
        json.WriteString("format", input.Format);
        json.WriteEndObject();
    }

    private static void WriteFirstStage(Utf8JsonWriter json, FirstStageSpec firstStage)
    {
        json.WriteStartObject("firstStage");
        if (firstStage.Bm25 is { } bm25)
        {
            json.WriteStartObject("bm25");
            json.WriteNumber("k", bm25.K);
            json.WriteNumber("k1", bm25.K1);
            json.WriteNumber("b", bm25.B);
            json.WriteString("analyzer", bm25.Analyzer);
            json.WriteStartArray("fields");
            foreach (var field in bm25.Fields)
            {
                json.WriteStringValue(field);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (firstStage.Dense is { } dense)
        {
            json.WriteStartObject("dense");
            WriteModel(json, dense.Model);
            json.WriteNumber("k", dense.K);
            json.WriteString("pooling", dense.Pooling);
            json.WriteBoolean("normalize", dense.Normalize);
            json.WriteEndObject();
        }
        if (firstStage.Fusion is { } fusion)
        {
            json.WriteStartObject("fusion");
            json.WriteString("method", fusion.Method);
            if (fusion.Method == "rrf")
            {
                json.WriteNumber("rrfK", fusion.RrfK);
            }
            else
            {
                json.WriteString("normalization", fusion.Normalization);
                json.WriteNumber("bm25Weight", fusion.Bm25Weight);
                json.WriteNumber("denseWeight", fusion.DenseWeight);
            }
            json.WriteNumber("k", fusion.K);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, ModelSpec model)
    {
        json.WriteStartObject("model");
        json.WriteString("location", model.Location);
        json.WriteString("device", model.Device);
        json.WriteBoolean("requireDevice", model.RequireDevice);
        json.WriteNumber("threads", model.Threads);
        json.WriteNumber("maxLength", model.MaxLength);
        json.WriteNumber("tokenBudget", model.TokenBudget);
        json.WriteNumber("maxBatchSize", model.MaxBatchSize);
        if (model.CudaOptions is { Count: > 0 } cudaOptions)
        {
            json.WriteStartObject("cudaOptions");
            foreach (var (name, value) in cudaOptions.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteRerank(Utf8JsonWriter json, RerankSpec rerank)
    {
        json.WriteStartObject("rerank");
        WriteModel(json, rerank.Model);
        json.WriteString("input", rerank.Input);
        json.WriteNumber("depth", rerank.Depth);
        json.WriteNumber("maxQueryTokens", rerank.MaxQueryTokens);
        if (rerank.Passages is { } passages)
        {
            json.WriteStartObject("passages");
            json.WriteNumber("length", passages.Length);
            json.WriteNumber("stride", passages.Stride);
            json.WriteString("aggregation", passages.Aggregation);
            json.WriteNumber("maxPerDocument", passages.MaxPerDocument);
            json.WriteEndObject();
        }
        json.WriteBoolean("scoresAreMeaningless", rerank.ScoresAreMeaningless);
        json.WriteEndObject();
    }

    private static void WriteEvaluation(Utf8JsonWriter json, EvaluationSpec evaluation)
    {
        json.WriteStartObject("evaluation");
        json.WriteStartArray("measures");
        foreach (var measure in evaluation.Measures)
        {
            json.WriteStringValue(measure);
        }
        json.WriteEndArray();
        json.WriteNumber("relevanceLevel", evaluation.RelevanceLevel);
        json.WriteStartArray("depthSweep");
        foreach (var depth in evaluation.DepthSweep)
        {
            json.WriteNumberValue(depth);
        }
        json.WriteEndArray();
        if (evaluation.Baseline is not null)
        {
            json.WriteString("baseline", evaluation.Baseline);
        }
        json.WriteStartObject("significance");
        json.WriteString("test", evaluation.Significance.Test);
        json.WriteNumber("level", evaluation.Significance.Level);
        json.WriteNumber("permutations", evaluation.Significance.Permutations);
        json.WriteNumber("seed", evaluation.Significance.Seed);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
