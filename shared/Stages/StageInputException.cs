namespace Pipeline.Stages;

/// <summary>
/// A permanent failure: the job's inputs or settings are at fault (a missing file, a malformed record, a model that
/// does not load), so retrying cannot help. The dispatcher marks the job Failed with this message and acknowledges
/// the task. Anything else a handler throws is treated as transient and retried by the queue.
/// </summary>
public sealed class StageInputException : Exception
{
    /// <summary>A failure explained by <paramref name="message"/> (which names the field or file at fault).</summary>
    public StageInputException(string message)
        : base(message)
    {
    }

    /// <summary>A failure explained by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public StageInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public StageInputException()
        : base("the job's input is invalid")
    {
    }
}
