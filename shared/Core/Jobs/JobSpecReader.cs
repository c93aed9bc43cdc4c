using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Jobs;

/// <summary>
/// Reads a job spec from JSON, checks every field and the rules between fields, and fills every default. All
/// problems are collected and reported together (<see cref="JobSpecException"/>), each with its JSON path; nothing
/// is looked up on disk or in storage here (the stages check that inputs exist before any work starts).
/// </summary>
public static partial class JobSpecReader
{
    /// <summary>The most documents a first stage may retrieve, or a reranker rescore, per query.</summary>
    public const int MaxDepth = 10_000;

    /// <summary>Reads and validates <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JobSpecException">The JSON is malformed or the spec invalid; every problem is listed.</exception>
    public static JobSpec Read(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {e.BytePositionInLine + 1})") : "";
            throw new JobSpecException(source, "$", $"not valid JSON{where}: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JobSpecException(source, "$", $"must be a JSON object, got {SpecObject.Kind(document.RootElement)}");
            }
            var errors = new List<JobSpecError>();
            var spec = ReadJob(new SpecObject(document.RootElement, "$", errors), errors);
            if (errors.Count > 0 || spec is null)
            {
                throw new JobSpecException(source, errors.Count > 0 ? errors : [new JobSpecError("$", "invalid job spec")]);
            }
            return spec;
        }
    }

    private static JobSpec? ReadJob(SpecObject root, List<JobSpecError> errors)
    {
        var version = root.Long("version", 0, 0, int.MaxValue, optional: true);
        if (version is null && !root.Has("version"))
        {
            root.Error("version", $"is required (this pipeline reads version {JobSpec.CurrentVersion})");
        }
        else if (version is { } v && v != JobSpec.CurrentVersion)
        {
            root.Error("version", $"version {v} is not supported (this pipeline reads version {JobSpec.CurrentVersion})");
        }
        var jobId = root.String("jobId", required: true);
        if (jobId is not null && SafeNames.JobIdProblem(jobId) is { } idProblem)
        {
            root.Error("jobId", idProblem);
        }
        var corpus = ReadCorpus(root.Object("corpus", required: true));
        var queries = ReadInput(root.Object("queries", required: true), "auto", "auto", "tsv", "jsonl");
        var qrels = ReadInput(root.Object("qrels"), "trec", "trec");
        var sharding = ReadSharding(root.Object("sharding"));
        var firstStage = ReadFirstStage(root.Object("firstStage", required: true));
        var evaluationObject = root.Object("evaluation");
        var sweep = ReadSweep(evaluationObject);
        var rerank = ReadRerank(root.Object("rerank"), firstStage, sweep);
        var evaluation = ReadEvaluation(evaluationObject, sweep, qrels is not null, firstStage, rerank);
        var execution = ReadExecution(root.Object("execution"));
        root.RejectUnknown();
        if (errors.Count > 0 || jobId is null || corpus is null || queries is null || firstStage is null)
        {
            return null;
        }
        return new JobSpec
        {
            JobId = jobId,
            Corpus = corpus,
            Queries = queries,
            Qrels = qrels,
            Sharding = sharding,
            FirstStage = firstStage,
            Rerank = rerank,
            Evaluation = evaluation,
            Execution = execution,
        };
    }

    private static string? Location(SpecObject section, string name = "location")
    {
        var location = section.String(name, required: true);
        if (location is not null && SafeNames.LocationProblem(location) is { } problem)
        {
            section.Error(name, problem);
        }
        return location;
    }

    private static CorpusSpec? ReadCorpus(SpecObject? section)
    {
        if (section is null)
        {
            return null;
        }
        var location = Location(section);
        var format = section.Choice("format", "auto", "auto", "jsonl", "tsv", "parquet");
        var idField = section.String("idField");
        var titleField = section.String("titleField") ?? "title";
        var textField = section.String("textField") ?? "text";
        foreach (var (name, value) in new[] { ("idField", idField), ("titleField", titleField), ("textField", textField) })
        {
            if (value is { Length: 0 })
            {
                section.Error(name, "must not be empty");
            }
        }
        if (textField.Length > 0 && textField == titleField)
        {
            section.Error("textField", $"must differ from titleField ('{titleField}')");
        }
        if (idField is { Length: > 0 } && (idField == titleField || idField == textField))
        {
            section.Error("idField", $"must differ from titleField and textField ('{idField}')");
        }
        var onBadRecord = section.Choice("onBadRecord", "fail", "fail", "skip");
        section.RejectUnknown();
        return location is null ? null : new CorpusSpec(location, format, idField, titleField, textField, onBadRecord);
    }

    private static InputSpec? ReadInput(SpecObject? section, string fallbackFormat, params string[] formats)
    {
        if (section is null)
        {
            return null;
        }
        var location = Location(section);
        var format = section.Choice("format", fallbackFormat, formats);
        section.RejectUnknown();
        return location is null ? null : new InputSpec(location, format);
    }

    private static ShardingSpec ReadSharding(SpecObject? section)
    {
        if (section is null)
        {
            return new ShardingSpec(ShardDocs: 100_000);
        }
        var shards = section.OptionalInt("shards", 1, 4096);
        var shardDocs = section.Long("shardDocs", 0, 1, long.MaxValue, optional: true);
        if (section.Has("shards") && section.Has("shardDocs"))
        {
            section.Error("shards", "give either shards or shardDocs, not both");
        }
        section.RejectUnknown();
        return shards is null && shardDocs is null ? new ShardingSpec(ShardDocs: 100_000) : new ShardingSpec(shards, shards is null ? shardDocs : null);
    }

    private static FirstStageSpec? ReadFirstStage(SpecObject? section)
    {
        if (section is null)
        {
            return null;
        }
        Bm25Spec? bm25 = null;
        if (section.Object("bm25") is { } b)
        {
            var fields = b.StringArray("fields") ?? ["title", "text"];
            if (fields.Count == 0 || fields.Any(f => f is not ("title" or "text")) || fields.Distinct().Count() != fields.Count)
            {
                b.Error("fields", "must list 'title', 'text' or both, each once");
            }
            bm25 = new Bm25Spec(
                b.Int("k", 1000, 1, MaxDepth),
                b.Double("k1", 0.9, 0, 100),
                b.Double("b", 0.4, 0, 1),
                b.Choice("analyzer", "english", "english", "plain"),
                fields);
            b.RejectUnknown();
        }
        DenseSpec? dense = null;
        if (section.Object("dense") is { } d)
        {
            // Kept when its model is invalid (that problem is recorded, so this spec is never returned) so that the
            // rules between fields still see the dense run and report no follow-on problems.
            var model = ReadModel(d.Object("model", required: true));
            dense = new DenseSpec(model!, d.Int("k", 1000, 1, MaxDepth), d.Choice("pooling", "mean", "mean", "cls"), d.Bool("normalize", true));
            d.RejectUnknown();
        }
        FusionSpec? fusion = null;
        if (section.Object("fusion") is { } f)
        {
            var method = f.Choice("method", "rrf", "rrf", "weighted");
            fusion = new FusionSpec(
                method,
                f.Int("rrfK", 60, 0, 1_000_000),
                f.Choice("normalization", "minmax", "minmax", "zscore"),
                f.Double("bm25Weight", 0.5, 0, 1_000),
                f.Double("denseWeight", 0.5, 0, 1_000),
                f.Int("k", 1000, 1, MaxDepth));
            if (method == "rrf" && (f.Has("normalization") || f.Has("bm25Weight") || f.Has("denseWeight")))
            {
                f.Error("method", "normalization and weights apply to method 'weighted' only");
            }
            if (method == "weighted" && f.Has("rrfK"))
            {
                f.Error("rrfK", "applies to method 'rrf' only");
            }
            f.RejectUnknown();
            if (!section.Has("bm25") || !section.Has("dense"))
            {
                section.Error("fusion", "fuses the bm25 and dense runs, so both must be configured");
            }
        }
        if (!section.Has("bm25") && !section.Has("dense"))
        {
            section.Error("bm25", "at least one first stage is needed: bm25, dense or both");
        }
        section.RejectUnknown();
        return new FirstStageSpec(bm25, dense, fusion);
    }

    private static ModelSpec? ReadModel(SpecObject? section)
    {
        if (section is null)
        {
            return null;
        }
        var location = Location(section);
        var device = section.String("device") ?? "cpu";
        if (!DeviceSyntax().IsMatch(device))
        {
            section.Error("device", $"must be 'cpu', 'cuda' or 'cuda:N', got '{device}'");
        }
        var model = new ModelSpec(
            location!,
            device,
            section.Bool("requireDevice", false),
            section.Int("threads", 0, 0, 1024),
            section.Int("maxLength", 512, 16, 8192),
            section.Int("tokenBudget", 16_384, 16, 16_777_216),
            section.Int("maxBatchSize", 128, 1, 65_536),
            ReadCudaOptions(section));
        if (model.TokenBudget < model.MaxLength)
        {
            section.Error("tokenBudget", $"must be at least maxLength ({model.MaxLength}), got {model.TokenBudget}");
        }
        section.RejectUnknown();
        return location is null ? null : model;
    }

    private static List<KeyValuePair<string, string>>? ReadCudaOptions(SpecObject model)
    {
        if (model.Object("cudaOptions") is not { } options)
        {
            return null;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var name in options.Names())
        {
            if (!CudaOptionName().IsMatch(name))
            {
                options.Error(name, "is not a CUDA provider option name (lower-case letters, digits and '_', at most 64)");
                continue;
            }
            if (name == "device_id")
            {
                options.Error(name, "is set by device ('cuda:N'), not here");
                continue;
            }
            if (options.String(name) is { } value)
            {
                if (value.Length is 0 or > 256)
                {
                    options.Error(name, "must be 1 to 256 characters");
                    continue;
                }
                pairs.Add(new KeyValuePair<string, string>(name, value));
            }
        }
        if (pairs.Count > 32)
        {
            model.Error("cudaOptions", $"has {pairs.Count} options; at most 32");
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return pairs.Count == 0 ? null : pairs;
    }

    private static List<int>? ReadSweep(SpecObject? evaluation)
    {
        var sweep = evaluation?.Array<int>("depthSweep", (item, path) =>
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var depth) && depth is >= 1 and <= MaxDepth)
            {
                return depth;
            }
            evaluation.Error(path[(evaluation.Path.Length + 1)..], $"must be a whole number between 1 and {MaxDepth:N0}, got {item.GetRawText()}");
            return null;
        });
        return sweep?.Distinct().Order().ToList();
    }

    private static RerankSpec? ReadRerank(SpecObject? section, FirstStageSpec? firstStage, List<int>? sweep)
    {
        if (section is null)
        {
            return null;
        }
        var model = ReadModel(section.Object("model", required: true));
        var fallbackInput = firstStage?.Fusion is not null ? RunName.Fusion : firstStage?.Bm25 is null && firstStage?.Dense is not null ? RunName.Dense : RunName.Bm25;
        var input = section.Choice("input", fallbackInput, RunName.Bm25, RunName.Dense, RunName.Fusion);
        if (firstStage is not null && !firstStage.RunNames.Contains(input))
        {
            section.Error("input", $"names the first-stage run '{input}', which this job does not produce (it has: {string.Join(", ", firstStage.RunNames)})");
        }
        var deepest = sweep is { Count: > 0 } ? sweep[^1] : 100;
        var depth = section.Int("depth", deepest, 1, MaxDepth);
        if (sweep is { Count: > 0 } && depth < sweep[^1])
        {
            section.Error("depth", $"must be at least the deepest depth of $.evaluation.depthSweep ({sweep[^1]}): the sweep cuts one rescoring, got {depth}");
        }
        PassageSpec? passages = null;
        if (section.Object("passages") is { } p)
        {
            var length = p.Int("length", 0, 16, 8192);
            if (!p.Has("length"))
            {
                p.Error("length", "is required");
            }
            passages = new PassageSpec(
                length,
                p.Int("stride", Math.Max(1, length / 2), 1, 8192),
                p.Choice("aggregation", "max", "max", "first", "sum"),
                p.Int("maxPerDocument", 16, 1, 1024));
            if (length > 0 && passages.Stride > passages.Length)
            {
                p.Error("stride", $"must be at most the window length ({passages.Length}), got {passages.Stride}");
            }
            p.RejectUnknown();
        }
        var maxQueryTokens = section.Int("maxQueryTokens", 64, 1, 8192);
        var meaningless = section.Bool("scoresAreMeaningless", false);
        section.RejectUnknown();
        // Returned when its model is invalid (that problem is recorded, so the job spec is never returned) so that the
        // evaluation's rules still see the rerank runs and report no follow-on problems.
        return new RerankSpec(model!, input, depth, maxQueryTokens, passages, meaningless);
    }

    private static EvaluationSpec ReadEvaluation(SpecObject? section, List<int>? sweep, bool hasQrels, FirstStageSpec? firstStage, RerankSpec? rerank)
    {
        if (section is null)
        {
            return new EvaluationSpec();
        }
        if (!hasQrels)
        {
            section.Error("measures", "evaluation needs relevance judgments: add $.qrels or remove $.evaluation");
        }
        var measures = section.StringArray("measures");
        if (measures is { Count: 0 })
        {
            section.Error("measures", "lists no measure (leave it out for the defaults)");
        }
        for (var i = 0; measures is not null && i < measures.Count; i++)
        {
            if (!MeasureSyntax().IsMatch(measures[i]))
            {
                section.Error($"measures[{i}]", $"'{measures[i]}' is not a trec_eval measure such as 'ndcg_cut.10', 'P.5,10' or 'recip_rank@10'");
            }
        }
        if (measures is not null && measures.Distinct(StringComparer.Ordinal).Count() != measures.Count)
        {
            section.Error("measures", "lists a measure twice");
        }
        if (sweep is { Count: > 0 } && rerank is null)
        {
            section.Error("depthSweep", "needs $.rerank: the sweep cuts the reranker's rescoring at each depth");
        }
        var level = section.Int("relevanceLevel", 1, 0, 1_000);
        var baseline = section.String("baseline");
        if (baseline is not null && firstStage is not null)
        {
            var runs = RunNames(firstStage, rerank, sweep ?? []);
            if (!runs.Contains(baseline))
            {
                section.Error("baseline", $"names no run of this job (it has: {string.Join(", ", runs)}), got '{baseline}'");
            }
        }
        SignificanceSpec? significance = null;
        if (section.Object("significance") is { } s)
        {
            significance = new SignificanceSpec(
                s.Choice("test", "t-test", "t-test", "randomization"),
                s.Double("level", 0.05, 1e-9, 0.5),
                s.Int("permutations", 10_000, 1, 10_000_000),
                s.ULong("seed", 42));
            s.RejectUnknown();
        }
        section.RejectUnknown();
        return new EvaluationSpec(measures, level, sweep, baseline, significance);
    }

    private static ExecutionSpec ReadExecution(SpecObject? section)
    {
        if (section is null)
        {
            return new ExecutionSpec();
        }
        var spec = new ExecutionSpec(section.Int("queryBlockSize", 100, 1, 100_000));
        section.RejectUnknown();
        return spec;
    }

    /// <summary>Every run a job with these stages writes, in report order.</summary>
    public static IReadOnlyList<string> RunNames(FirstStageSpec firstStage, RerankSpec? rerank, IReadOnlyList<int> sweep)
    {
        ArgumentNullException.ThrowIfNull(firstStage);
        ArgumentNullException.ThrowIfNull(sweep);
        var names = new List<string>(firstStage.RunNames);
        if (rerank is not null)
        {
            names.Add(RunName.Rerank);
            names.AddRange(sweep.Select(RunName.RerankAt));
        }
        return names;
    }

    [GeneratedRegex(@"^(cpu|cuda(:[0-9]{1,2})?)$")]
    private static partial Regex DeviceSyntax();

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CudaOptionName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[0-9A-Za-z_.,]+)?(@[1-9][0-9]{0,6})?$")]
    private static partial Regex MeasureSyntax();
}
