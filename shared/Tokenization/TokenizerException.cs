namespace Pipeline.Tokenization;

/// <summary>A tokenizer that cannot be loaded (the file and what is wrong with it) or an input that cannot be encoded as asked.</summary>
public sealed class TokenizerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenizerException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TokenizerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TokenizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a file.</summary>
    public TokenizerException(string path, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        FilePath = path;
    }

    /// <summary>The tokenizer file concerned, when there is one.</summary>
    public string? FilePath { get; }
}
