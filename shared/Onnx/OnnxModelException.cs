namespace Pipeline.Onnx;

/// <summary>A model that cannot be loaded or run: the file, and what went wrong in words a user can act on.</summary>
public sealed class OnnxModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxModelException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public OnnxModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OnnxModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a file.</summary>
    public OnnxModelException(string path, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        ModelPath = path;
    }

    /// <summary>The model file (or folder) concerned, when there is one.</summary>
    public string? ModelPath { get; }
}
