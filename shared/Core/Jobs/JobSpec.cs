namespace Pipeline.Core.Jobs;

/// <summary>
/// A validated job: what to retrieve from, how, what to rerank and how to evaluate. Built by
/// <see cref="JobSpecReader"/>, which fills every default, so a spec read back from its normalized JSON
/// (<see cref="JobSpecWriter"/>) is equal to the original. Contract version <see cref="CurrentVersion"/>.
/// </summary>
public sealed record JobSpec
{
    /// <summary>The version of the job-spec format this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version; always <see cref="CurrentVersion"/>.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The job id: 1–64 characters of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit (<see cref="SafeNames"/>).</summary>
    public required string JobId { get; init; }

    /// <summary>The documents.</summary>
    public required CorpusSpec Corpus { get; init; }

    /// <summary>The queries.</summary>
    public required InputSpec Queries { get; init; }

    /// <summary>Relevance judgments; null when the job only produces runs.</summary>
    public InputSpec? Qrels { get; init; }

    /// <summary>How the corpus is split into shards.</summary>
    public ShardingSpec Sharding { get; init; } = new();

    /// <summary>First-stage retrieval.</summary>
    public required FirstStageSpec FirstStage { get; init; }

    /// <summary>Cross-encoder reranking; null for none.</summary>
    public RerankSpec? Rerank { get; init; }

    /// <summary>Measures, depth sweep and significance tests.</summary>
    public EvaluationSpec Evaluation { get; init; } = new();

    /// <summary>How work is cut into tasks.</summary>
    public ExecutionSpec Execution { get; init; } = new();
}
