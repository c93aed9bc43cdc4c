namespace Pipeline.Core.Jobs;

/// <summary>
/// Fusion of the BM25 and dense runs into the run <c>fusion</c>: reciprocal rank fusion (score Σ 1/(rrfK + rank)),
/// or a weighted sum of scores after per-query normalization (<c>minmax</c> or <c>zscore</c>); a document missing
/// from a run contributes 0 (RRF) or that run's normalized minimum (weighted).
/// </summary>
/// <param name="Method"><c>rrf</c> (default) or <c>weighted</c>.</param>
/// <param name="RrfK">RRF's constant; default 60.</param>
/// <param name="Normalization">For <c>weighted</c>: <c>minmax</c> (default) or <c>zscore</c>.</param>
/// <param name="Bm25Weight">For <c>weighted</c>: the BM25 run's weight; default 0.5.</param>
/// <param name="DenseWeight">For <c>weighted</c>: the dense run's weight; default 0.5.</param>
/// <param name="K">Documents kept per query; default 1,000.</param>
public sealed record FusionSpec(string Method = "rrf", int RrfK = 60, string Normalization = "minmax", double Bm25Weight = 0.5,
    double DenseWeight = 0.5, int K = 1000);
