namespace Pipeline.Formats;

/// <summary>
/// A malformed input file: carries the file, the 1-based line number and what was wrong, so a user can go
/// straight to the offending line. The message reads <c>path:line: reason</c>.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> at <paramref name="lineNumber"/>.</summary>
    public InputFormatException(string path, long lineNumber, string reason)
        : base(lineNumber > 0 ? $"{path}:{lineNumber}: {reason}" : $"{path}: {reason}")
    {
        Path = path;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>
    /// Creates the exception for <paramref name="path"/> at <paramref name="lineNumber"/>, keeping the lower-level
    /// exception (a decompression error, say) that revealed the problem.
    /// </summary>
    public InputFormatException(string path, long lineNumber, string reason, Exception? innerException)
        : base(lineNumber > 0 ? $"{path}:{lineNumber}: {reason}" : $"{path}: {reason}", innerException)
    {
        Path = path;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>The file that was being read.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the offending line; 0 when the problem concerns the whole file.</summary>
    public long LineNumber { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Reason { get; }
}
