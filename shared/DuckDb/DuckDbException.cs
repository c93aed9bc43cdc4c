namespace Pipeline.DuckDb;

/// <summary>
/// An error reported by DuckDB (a failed open, query, bind or append) or by this binding around it (the native
/// library missing or of the wrong version). <see cref="Exception.Message"/> is DuckDB's own message where it gave one.
/// </summary>
public sealed class DuckDbException : Exception
{
    /// <summary>Creates the exception with DuckDB's message and, where known, its error type.</summary>
    public DuckDbException(string message, DuckDbErrorType? errorType = null)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>Creates the exception around the lower-level exception that revealed the problem.</summary>
    public DuckDbException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>DuckDB's classification of the error; <c>null</c> where the C API gives none (open, config, bind).</summary>
    public DuckDbErrorType? ErrorType { get; }

    /// <summary>
    /// True when DuckDB classified the error as one of invalid input: a malformed or unreadable file, a failed
    /// conversion, an unknown column (<see cref="DuckDbErrorType.InvalidInput"/>, <see cref="DuckDbErrorType.IO"/>,
    /// <see cref="DuckDbErrorType.Conversion"/>, <see cref="DuckDbErrorType.Binder"/>, <see cref="DuckDbErrorType.Catalog"/>).
    /// </summary>
    public bool IsInputError => ErrorType is DuckDbErrorType.InvalidInput or DuckDbErrorType.IO
        or DuckDbErrorType.Conversion or DuckDbErrorType.Binder or DuckDbErrorType.Catalog;
}
