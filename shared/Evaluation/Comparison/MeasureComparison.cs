namespace Pipeline.Evaluation.Comparison;

/// <summary>Every run against the baseline on one measure.</summary>
public sealed record MeasureComparison
{
    /// <summary>The measure id (trec_eval naming, for example <c>ndcg_cut_10</c>).</summary>
    public required string Measure { get; init; }

    /// <summary>Number of queries compared: the baseline's queries for this measure.</summary>
    public required int QueryCount { get; init; }

    /// <summary>The baseline's mean over its queries.</summary>
    public required double BaselineMean { get; init; }

    /// <summary>The other runs in input order.</summary>
    public required IReadOnlyList<RunComparison> Runs { get; init; }
}
