using Pipeline.Onnx;

namespace Pipeline.Reranking;

/// <summary>How a cross-encoder encodes, batches and scores. Defaults suit MiniLM/BERT-base rerankers on a CPU.</summary>
public sealed record CrossEncoderOptions
{
    /// <summary>The defaults.</summary>
    public static CrossEncoderOptions Default { get; } = new();

    /// <summary>Tokens per (query, passage) input, special tokens included; capped by the tokenizer's model_max_length. Default 512; 8..8192.</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>A query is cut to this many tokens before pairing. Default 64; at least 1, and at most MaxLength - 4.</summary>
    public int MaxQueryTokens { get; init; } = 64;

    /// <summary>Tokens per batch, padding included (rows × padded length). Default 16,384; at least MaxLength.</summary>
    public int TokenBudget { get; init; } = 16_384;

    /// <summary>Rows per batch at most. Default 128; 1..4096.</summary>
    public int MaxBatchSize { get; init; } = 128;

    /// <summary>
    /// Document tokens per passage window; null (the default) scores one window per document, cut to fit. With a value,
    /// a document is split into windows of this many tokens every <see cref="PassageStride"/> tokens.
    /// </summary>
    public int? PassageLength { get; init; }

    /// <summary>Tokens between the starts of consecutive windows. Default 0 = PassageLength (no overlap).</summary>
    public int PassageStride { get; init; }

    /// <summary>How window scores combine. Default <see cref="PassageAggregation.Max"/>.</summary>
    public PassageAggregation Aggregation { get; init; } = PassageAggregation.Max;

    /// <summary>Windows per document at most (the rest of a very long document is ignored). Default 16; at least 1.</summary>
    public int MaxPassagesPerDocument { get; init; } = 16;

    /// <summary>The ONNX Runtime session options (device, threads, optimisation).</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of bounds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLength, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLength, 8192);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueryTokens, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxQueryTokens, MaxLength - 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenBudget, MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchSize, 4096);
        if (PassageLength is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 1, nameof(PassageLength));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(PassageStride);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPassagesPerDocument, 1);
        Session.Validate();
    }
}
