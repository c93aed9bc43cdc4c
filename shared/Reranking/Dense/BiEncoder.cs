using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pipeline.Onnx;
using Pipeline.Tokenization;

namespace Pipeline.Reranking.Dense;

/// <summary>
/// A bi-encoder (sentence embedder): a model folder (<c>model.onnx</c> + <c>tokenizer.json</c> or <c>vocab.txt</c>) whose
/// token vectors (<c>last_hidden_state [batch, seq, dim]</c>, else the first rank-3 float output) are pooled
/// (<see cref="BiEncoderOptions.Pooling"/>, mask-aware) and L2-normalised. Texts are batched by length under a token
/// budget as <see cref="CrossEncoder"/> does; an embedding does not depend on its batch. Thread-safe; dispose once.
/// </summary>
public sealed class BiEncoder : IDisposable
{
    private static readonly string[] KnownInputs = ["input_ids", "attention_mask", "token_type_ids"];
    private readonly OnnxModelSession _session;
    private readonly string[] _inputNames;
    private readonly string _outputName;
    private readonly int _maxLength;

    private BiEncoder(OnnxModelSession session, WordPieceTokenizer tokenizer, BiEncoderOptions options)
    {
        _session = session;
        Tokenizer = tokenizer;
        Options = options;
        var path = session.ModelPath;
        foreach (var input in session.Inputs)
        {
            if (!KnownInputs.Contains(input.Name) || input.ElementType != TensorElementType.Int64)
            {
                throw new OnnxModelException(path, $"unexpected model input '{input}': a bi-encoder takes int64 input_ids, attention_mask and optionally token_type_ids");
            }
        }
        if (session.FindInput("input_ids") is null || session.FindInput("attention_mask") is null)
        {
            throw new OnnxModelException(path, $"the model needs input_ids and attention_mask (inputs: {string.Join(", ", session.Inputs)})");
        }
        _inputNames = session.Inputs.Select(i => i.Name).ToArray();
        var output = session.FindOutput("last_hidden_state") ?? session.Outputs.FirstOrDefault(o => o.Shape.Count == 3)
            ?? throw new OnnxModelException(path, $"no token-vector output [batch, seq, dim] (outputs: {string.Join(", ", session.Outputs)})");
        _outputName = output.Name;
        Dimension = output.Shape.Count == 3 && output.Shape[2] > 0 ? (int)output.Shape[2] : 0;
        _maxLength = Math.Min(options.MaxLength, tokenizer.Options.ModelMaxLength ?? int.MaxValue);
    }

    /// <summary>The tokenizer of the model folder.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The options.</summary>
    public BiEncoderOptions Options { get; }

    /// <summary>The embedding dimension declared by the model, or 0 when it is symbolic (known after the first batch).</summary>
    public int Dimension { get; private set; }

    /// <summary>Opens a model folder.</summary>
    /// <exception cref="OnnxModelException">No model.onnx, or inputs/outputs that are not a bi-encoder's (the message names the file).</exception>
    /// <exception cref="TokenizerException">The tokenizer files are missing or unsupported.</exception>
    public static BiEncoder Open(string modelDirectory, BiEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        options ??= BiEncoderOptions.Default;
        options.Validate();
        var modelPath = Path.Combine(modelDirectory, "model.onnx");
        if (!File.Exists(modelPath))
        {
            throw new OnnxModelException(modelPath, "model file not found (a model folder holds model.onnx and tokenizer.json or vocab.txt)");
        }
        var tokenizer = WordPieceTokenizer.Load(modelDirectory);
        var session = OnnxModelSession.Open(modelPath, options.Session);
        try
        {
            return new BiEncoder(session, tokenizer, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Embeds texts (each cut to MaxLength tokens); one vector per text, in the texts' order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return EmbedEncoded(texts.Select(t => Tokenizer.Encode(t, _maxLength)).ToList(), cancellationToken);
    }

    /// <summary>Embeds encoded inputs (with special tokens, unpadded, non-empty); one vector per input, in order.</summary>
    public float[][] EmbedEncoded(IReadOnlyList<TokenEncoding> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var vectors = new float[inputs.Count][];
        var order = Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ThenBy(i => i).ToArray();
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
            RunBatch(inputs, order.AsSpan(position, count), width, vectors);
            position += count;
        }
        return vectors;
    }

    private void RunBatch(IReadOnlyList<TokenEncoding> inputs, ReadOnlySpan<int> rows, int width, float[][] vectors)
    {
        var count = rows.Length;
        var ids = new long[count * width];
        var mask = new long[count * width];
        var types = new long[count * width];
        for (var r = 0; r < count; r++)
        {
            var encoding = inputs[rows[r]];
            for (var t = 0; t < width; t++)
            {
                var real = t < encoding.Length;
                ids[(r * width) + t] = real ? encoding.Ids[t] : Tokenizer.PadId;
                mask[(r * width) + t] = real ? 1 : 0;
                types[(r * width) + t] = real ? encoding.TypeIds[t] : 0;
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
            var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
            if (outputShape.Length != 3 || outputShape[0] != count || outputShape[1] != width || outputShape[2] < 1)
            {
                throw new OnnxModelException(_session.ModelPath,
                    $"output '{_outputName}' has shape [{string.Join(',', outputShape)}] for a batch of {count}x{width}: expected [{count},{width},dim]");
            }
            var dim = (int)outputShape[2];
            Dimension = dim;
            var data = outputs[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < count; r++)
            {
                var vector = new float[dim];
                Pooling.PoolRow(data.Slice(r * width * dim, width * dim), inputs[rows[r]].Length, dim, Options.Pooling, Options.Normalize, vector);
                vectors[rows[r]] = vector;
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

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
