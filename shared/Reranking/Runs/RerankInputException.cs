namespace Pipeline.Reranking.Runs;

/// <summary>
/// The inputs of a rerank do not fit together: a run names documents the corpus lacks, a document has no text, a
/// query of the run is not in the queries file. The message names the first few offenders.
/// </summary>
public sealed class RerankInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RerankInputException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RerankInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RerankInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
