namespace Pipeline.Evaluation.Measures;

/// <summary>How trec_eval prints a value.</summary>
internal enum ValueKind
{
    /// <summary><c>%6.4f</c>.</summary>
    Double,

    /// <summary><c>%ld</c> of the value cast to long (counts).</summary>
    Long,

    /// <summary>A string: the run id (summary) or the relevance string (per query).</summary>
    Text,
}
