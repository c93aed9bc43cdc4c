namespace Pipeline.Evaluation;

/// <summary>
/// The evaluation cannot be done as asked: an unknown measure or malformed measure parameters, invalid options, or
/// qrels and run with no query in common. The message says what to change; command lines report it as bad input.
/// </summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public EvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and its cause.</summary>
    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public EvaluationException()
        : base("the evaluation cannot be done as asked")
    {
    }
}
