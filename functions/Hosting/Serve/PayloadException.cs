namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// An invocation payload the handler cannot use (not the host's <c>{Data, Metadata}</c> shape, a binding missing,
/// a message that is not a task of the function): answered with <see cref="StatusCode"/> (400 unless said otherwise)
/// and the message as a JSON error.
/// </summary>
internal sealed class PayloadException : Exception
{
    public PayloadException(string message, int statusCode = 400)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    public PayloadException()
        : this("the invocation payload is malformed")
    {
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; }
}
