using System.Numerics.Tensors;

namespace Pipeline.Reranking.Dense;

/// <summary>Pooling and normalisation of token vectors (row-major <c>[rows, width, dim]</c>).</summary>
public static class Pooling
{
    /// <summary>
    /// Pools one row: <paramref name="tokens"/> is the row's <c>[width, dim]</c> block, <paramref name="length"/> the number of
    /// real tokens at its start (the rest is padding, ignored). Writes <c>dim</c> values to <paramref name="destination"/>.
    /// </summary>
    public static void PoolRow(ReadOnlySpan<float> tokens, int length, int dim, EmbeddingPooling pooling, bool normalize, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens.Length, length * dim, nameof(tokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, dim, nameof(destination));
        var output = destination[..dim];
        tokens[..dim].CopyTo(output);
        if (pooling == EmbeddingPooling.Mean)
        {
            // Sum in float64 for each component would be closer to a NumPy float64 reference; float32 over at most a few
            // hundred tokens stays within 1e-6 of it, and TensorPrimitives keeps this vectorised.
            for (var t = 1; t < length; t++)
            {
                TensorPrimitives.Add(output, tokens.Slice(t * dim, dim), output);
            }
            TensorPrimitives.Multiply(output, 1f / length, output);
        }
        if (normalize)
        {
            var norm = TensorPrimitives.Norm(output);
            if (norm > 0)
            {
                TensorPrimitives.Multiply(output, 1f / norm, output);
            }
        }
    }
}
