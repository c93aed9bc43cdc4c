using Pipeline.Onnx;

namespace Pipeline.Reranking.Dense;

/// <summary>How a bi-encoder encodes, batches and pools. Defaults suit MiniLM/BERT-base sentence encoders on a CPU.</summary>
public sealed record BiEncoderOptions
{
    /// <summary>The defaults.</summary>
    public static BiEncoderOptions Default { get; } = new();

    /// <summary>Tokens per text, special tokens included; capped by the tokenizer's model_max_length. Default 512; 8..8192.</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>Pooling. Default <see cref="EmbeddingPooling.Mean"/> (mask-aware).</summary>
    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.Mean;

    /// <summary>Whether embeddings are scaled to unit L2 norm (inner product = cosine). Default true.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Tokens per batch, padding included (rows × padded length). Default 16,384; at least MaxLength.</summary>
    public int TokenBudget { get; init; } = 16_384;

    /// <summary>Rows per batch at most. Default 128; 1..4096.</summary>
    public int MaxBatchSize { get; init; } = 128;

    /// <summary>The ONNX Runtime session options (device, threads, optimisation).</summary>
    public OnnxSessionOptions Session { get; init; } = OnnxSessionOptions.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of bounds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLength, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLength, 8192);
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenBudget, MaxLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchSize, 4096);
        if (!Enum.IsDefined(Pooling))
        {
            throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "unknown pooling");
        }
        Session.Validate();
    }
}
