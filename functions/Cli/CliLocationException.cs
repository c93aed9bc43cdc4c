namespace Pipeline.Functions.Cli;

/// <summary>
/// A location the user gave cannot be used: not a valid location, or a blob location with no usable storage connection
/// (no <c>--connection</c> and no <c>AzureWebJobsStorage</c>, or a malformed connection string). Bad input, exit 2.
/// </summary>
internal sealed class CliLocationException : Exception
{
    public CliLocationException()
    {
    }

    public CliLocationException(string message)
        : base(message)
    {
    }

    public CliLocationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
