namespace Pipeline.Reranking;

/// <summary>How the scores of a long document's passage windows become the document's score.</summary>
public enum PassageAggregation
{
    /// <summary>The best window (MaxP). The default.</summary>
    Max,

    /// <summary>The first window (FirstP).</summary>
    First,

    /// <summary>The sum over windows (SumP).</summary>
    Sum,
}
