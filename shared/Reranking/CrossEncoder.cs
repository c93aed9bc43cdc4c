using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pipeline.Onnx;
using Pipeline.Tokenization;

namespace Pipeline.Reranking;

/// <summary>
/// A cross-encoder reranker: a model folder (<c>model.onnx</c> + <c>tokenizer.json</c> or <c>vocab.txt</c>, optional
/// <c>tokenizer_config.json</c>/<c>config.json</c>) that scores (query, document) pairs. Inputs are discovered
/// (<c>input_ids</c>, <c>attention_mask</c>, optional <c>token_type_ids</c>, int64); the score is the raw logit for a
/// <c>[batch,1]</c> output and the softmax probability of class 1 for <c>[batch,2]</c>. Pairs are sorted by length and
/// batched under a token budget with padding to each batch's longest row; a pair's score does not depend on its batch.
/// Thread-safe; dispose once.
/// </summary>
public sealed class CrossEncoder : IDisposable
{
    private static readonly string[] KnownInputs = ["input_ids", "attention_mask", "token_type_ids"];
    private readonly OnnxModelSession _session;
    private readonly ILogger _logger;
    private readonly string[] _inputNames;
    private readonly string _outputName;
    private readonly int _maxLength;

    private CrossEncoder(OnnxModelSession session, WordPieceTokenizer tokenizer, CrossEncoderOptions options, ILogger logger)
    {
        _session = session;
        _logger = logger;
        Tokenizer = tokenizer;
        Options = options;
        var path = session.ModelPath;
        foreach (var input in session.Inputs)
        {
            if (!KnownInputs.Contains(input.Name))
            {
                throw new OnnxModelException(path, $"unexpected model input '{input}': a cross-encoder takes input_ids, attention_mask and optionally token_type_ids");
            }
            if (input.ElementType != TensorElementType.Int64)
            {
                throw new OnnxModelException(path, $"model input '{input}' is not int64");
            }
        }
        foreach (var required in KnownInputs[..2])
        {
            if (session.FindInput(required) is null)
            {
                throw new OnnxModelException(path, $"the model has no '{required}' input (inputs: {string.Join(", ", session.Inputs)})");
            }
        }
        _inputNames = session.Inputs.Select(i => i.Name).ToArray();
        var output = session.FindOutput("logits") ?? session.Outputs[0];
        _outputName = output.Name;
        if (output.Shape.Count != 2 || output.Shape[1] is not (1 or 2 or -1))
        {
            throw new OnnxModelException(path,
                $"output '{output}' is not a cross-encoder's scores: expected logits [batch,1] (a relevance logit) or [batch,2] (softmax, class 1 = relevant)");
        }
        ScoreOutput = output;
        _maxLength = Math.Min(options.MaxLength, tokenizer.Options.ModelMaxLength ?? int.MaxValue);
    }

    /// <summary>The tokenizer of the model folder.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The options.</summary>
    public CrossEncoderOptions Options { get; }

    /// <summary>The model output the score is read from.</summary>
    public OnnxTensorInfo ScoreOutput { get; }

    /// <summary>The device the model runs on.</summary>
    public OnnxDevice Device => _session.Device;

    /// <summary>Opens a model folder.</summary>
    /// <exception cref="OnnxModelException">No model.onnx, or a model whose inputs/outputs are not a cross-encoder's (the message names the file).</exception>
    /// <exception cref="TokenizerException">The tokenizer files are missing or unsupported.</exception>
    public static CrossEncoder Open(string modelDirectory, CrossEncoderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        options ??= CrossEncoderOptions.Default;
        options.Validate();
        logger ??= NullLogger.Instance;
        var modelPath = Path.Combine(modelDirectory, "model.onnx");
        if (!File.Exists(modelPath))
        {
            throw new OnnxModelException(modelPath, "model file not found (a model folder holds model.onnx and tokenizer.json or vocab.txt)");
        }
        var tokenizer = WordPieceTokenizer.Load(modelDirectory);
        var session = OnnxModelSession.Open(modelPath, options.Session, logger);
        try
        {
            var encoder = new CrossEncoder(session, tokenizer, options, logger);
            var inputs = string.Join(",", encoder._inputNames);
            var output = encoder.ScoreOutput.ToString();
            var kind = encoder.ScoreOutput.Shape[1] == 2 ? "softmax class 1" : "logit";
            var device = session.Device.ToString();
            RerankingLog.Opened(logger, modelPath, inputs, output, kind, encoder._maxLength, device);
            return encoder;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Scores one query against documents; the scores follow the documents' order.</summary>
    public float[] Score(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        var queryIds = TokenizeQuery(query);
        var inputs = new List<TokenEncoding>(documents.Count);
        var owners = new List<int>(documents.Count);
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var window in Windows(queryIds, documents[d]))
            {
                inputs.Add(window);
                owners.Add(d);
            }
        }
        var rowScores = ScoreEncoded(inputs, cancellationToken);
        return Aggregate(rowScores, owners, documents.Count);
    }

    /// <summary>Scores (query, document) pairs; the scores follow the pairs' order.</summary>
    public float[] Score(IReadOnlyList<(string Query, string Document)> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var inputs = new List<TokenEncoding>(pairs.Count);
        var owners = new List<int>(pairs.Count);
        var queries = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var p = 0; p < pairs.Count; p++)
        {
            if (!queries.TryGetValue(pairs[p].Query, out var queryIds))
            {
                queries[pairs[p].Query] = queryIds = TokenizeQuery(pairs[p].Query);
            }
            foreach (var window in Windows(queryIds, pairs[p].Document))
            {
                inputs.Add(window);
                owners.Add(p);
            }
        }
        return Aggregate(ScoreEncoded(inputs, cancellationToken), owners, pairs.Count);
    }

    /// <summary>
    /// Scores encoded inputs (with special tokens, unpadded), batching them by length under the token budget; the
    /// scores follow the inputs' order.
    /// </summary>
    public float[] ScoreEncoded(IReadOnlyList<TokenEncoding> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var started = Stopwatch.GetTimestamp();
        var scores = new float[inputs.Count];
        // Length bucketing: sorting by length keeps padding small; a stable order keeps runs reproducible.
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ThenBy(i => i).ToArray();
        long tokens = 0, padded = 0;
        var batches = 0;
        var position = 0;
        while (position < order.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = 0;
            var width = 0;
            while (position + count < order.Length && count < Options.MaxBatchSize)
            {
                var next = Math.Max(width, inputs[order[position + count]].Length);
                if (count > 0 && next * (count + 1) > Options.TokenBudget)
                {
                    break;
                }
                width = next;
                count++;
            }
            var rows = order.AsSpan(position, count);
            RunBatch(inputs, rows, width, scores);
            foreach (var row in rows)
            {
                tokens += inputs[row].Length;
            }
            padded += (long)width * count;
            batches++;
            position += count;
        }
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        RerankingLog.Scored(_logger, inputs.Count, inputs.Count, batches, tokens, padded, elapsedMs);
        return scores;
    }

    private List<int> TokenizeQuery(string query)
    {
        var ids = Tokenizer.Tokenize(query);
        return ids.Count > Options.MaxQueryTokens ? ids.GetRange(0, Options.MaxQueryTokens) : ids;
    }

    // One input per window: the whole document cut to fit (no PassageLength), or windows of PassageLength tokens.
    private IEnumerable<TokenEncoding> Windows(List<int> queryIds, string document)
    {
        var documentIds = Tokenizer.Tokenize(document);
        var room = _maxLength - 3 - queryIds.Count;
        if (Options.PassageLength is not { } passage)
        {
            yield return Tokenizer.Assemble(queryIds, documentIds.Count > room ? documentIds.GetRange(0, room) : documentIds, null,
                TruncationStrategy.OnlySecond);
            yield break;
        }
        var length = Math.Min(passage, room);
        var stride = Options.PassageStride > 0 ? Options.PassageStride : length;
        var windows = 0;
        for (var start = 0; windows < Options.MaxPassagesPerDocument; start += stride)
        {
            var take = Math.Min(length, documentIds.Count - start);
            yield return Tokenizer.Assemble(queryIds, documentIds.GetRange(start, Math.Max(take, 0)), null, TruncationStrategy.OnlySecond);
            windows++;
            if (start + length >= documentIds.Count)
            {
                yield break;
            }
        }
    }

    private float[] Aggregate(float[] rowScores, List<int> owners, int count)
    {
        var scores = new float[count];
        var seen = new bool[count];
        for (var r = 0; r < rowScores.Length; r++)
        {
            var o = owners[r];
            var s = rowScores[r];
            scores[o] = !seen[o] ? s : Options.Aggregation switch
            {
                PassageAggregation.Max => Math.Max(scores[o], s),
                PassageAggregation.Sum => scores[o] + s,
                _ => scores[o],
            };
            seen[o] = true;
        }
        return scores;
    }

    private void RunBatch(IReadOnlyList<TokenEncoding> inputs, ReadOnlySpan<int> rows, int width, float[] scores)
    {
        var count = rows.Length;
        var ids = new long[count * width];
        var mask = new long[count * width];
        var types = new long[count * width];
        var pad = Tokenizer.PadId;
        for (var r = 0; r < count; r++)
        {
            var encoding = inputs[rows[r]];
            var offset = r * width;
            for (var t = 0; t < width; t++)
            {
                var real = t < encoding.Length;
                ids[offset + t] = real ? encoding.Ids[t] : pad;
                mask[offset + t] = real ? 1 : 0;
                types[offset + t] = real ? encoding.TypeIds[t] : 0;
            }
        }
        long[] shape = [count, width];
        var values = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < _inputNames.Length; i++)
            {
                values[i] = OrtValue.CreateTensorValueFromMemory(_inputNames[i] switch
                {
                    "input_ids" => ids,
                    "attention_mask" => mask,
                    _ => types,
                }, shape);
            }
            using var runOptions = new RunOptions();
            using var outputs = _session.Session.Run(runOptions, _inputNames, values, [_outputName]);
            var output = outputs[0];
            var outputShape = output.GetTensorTypeAndShape().Shape;
            var data = output.GetTensorDataAsSpan<float>();
            var classes = outputShape.Length == 2 ? (int)outputShape[1] : -1;
            if (outputShape.Length != 2 || outputShape[0] != count || classes is not (1 or 2))
            {
                throw new OnnxModelException(_session.ModelPath,
                    $"output '{_outputName}' has shape [{string.Join(',', outputShape)}] for a batch of {count}: expected [{count},1] or [{count},2]");
            }
            for (var r = 0; r < count; r++)
            {
                scores[rows[r]] = classes == 1 ? data[r] : SoftmaxClass1(data[2 * r], data[(2 * r) + 1]);
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    private static float SoftmaxClass1(float class0, float class1) => 1f / (1f + MathF.Exp(class0 - class1));

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
