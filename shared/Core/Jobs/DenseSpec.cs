namespace Pipeline.Core.Jobs;

/// <summary>Dense retrieval: a bi-encoder embeds documents (per shard) and queries; exact inner-product top-k.</summary>
/// <param name="Model">The bi-encoder.</param>
/// <param name="K">Documents retrieved per query (1–10,000); default 1,000.</param>
/// <param name="Pooling"><c>mean</c> (default) or <c>cls</c>.</param>
/// <param name="Normalize">L2-normalize embeddings (inner product = cosine); default true.</param>
public sealed record DenseSpec(ModelSpec Model, int K = 1000, string Pooling = "mean", bool Normalize = true);
