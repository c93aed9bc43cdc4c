namespace Pipeline.Retrieval.Storage;

/// <summary>An index file that cannot be used: missing, of another format or version, corrupt, or inconsistent.</summary>
public sealed class IndexFormatException : Exception
{
    /// <summary>An error about <paramref name="path"/>; the message reads <c>path: reason</c>.</summary>
    public IndexFormatException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
    }

    /// <summary>An error without a file.</summary>
    public IndexFormatException()
    {
        Path = "";
    }

    /// <summary>An error without a file, with a message.</summary>
    public IndexFormatException(string message)
        : base(message)
    {
        Path = "";
    }

    /// <summary>An error without a file, with a message and a cause.</summary>
    public IndexFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }
}
