namespace Pipeline.Core.Jobs;

/// <summary>Cross-encoder reranking of the top <see cref="Depth"/> candidates of one first-stage run.</summary>
/// <param name="Model">The cross-encoder.</param>
/// <param name="Input">The first-stage run reranked: <c>bm25</c>, <c>dense</c> or <c>fusion</c>; default <c>fusion</c> when configured, else the only first-stage run, else <c>bm25</c>.</param>
/// <param name="Depth">Candidates per query rescored (1–10,000); default the largest depth of the sweep, else 100.</param>
/// <param name="MaxQueryTokens">Tokens kept of a query; default 64.</param>
/// <param name="Passages">Passage windows for long documents; null for truncation.</param>
/// <param name="ScoresAreMeaningless">Set for models with random weights (the bundled test model): reports say so plainly.</param>
public sealed record RerankSpec(ModelSpec Model, string Input, int Depth, int MaxQueryTokens = 64, PassageSpec? Passages = null,
    bool ScoresAreMeaningless = false);
