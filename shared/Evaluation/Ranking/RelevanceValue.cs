namespace Pipeline.Evaluation.Ranking;

/// <summary>The relevance values trec_eval gives retrieved documents that have no usable judgment.</summary>
internal static class RelevanceValue
{
    /// <summary>The document is not in the qrels of the query (trec_eval's RELVALUE_NONPOOL).</summary>
    public const int NotPooled = -1;

    /// <summary>The document is in the qrels with a negative grade: pooled but unjudged (RELVALUE_UNJUDGED).</summary>
    public const int Unjudged = -2;
}
