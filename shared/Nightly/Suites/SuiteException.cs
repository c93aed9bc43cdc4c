using Pipeline.Core.Jobs;

namespace Pipeline.Nightly.Suites;

/// <summary>A suite that cannot be run: every problem found, each with its JSON path.</summary>
public sealed class SuiteException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/> (at least one) in <paramref name="source"/>.</summary>
    public SuiteException(string? source, IReadOnlyList<JobSpecError> errors)
        : base(Describe(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>An exception with one problem.</summary>
    public SuiteException(string? source, string path, string message)
        : this(source, [new JobSpecError(path, message)])
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public SuiteException()
        : this(null, "$", "invalid suite")
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public SuiteException(string message)
        : this(null, "$", message)
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public SuiteException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new JobSpecError("$", message)];
    }

    /// <summary>The suite file or blob, when known.</summary>
    public new string? Source { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<JobSpecError> Errors { get; }

    private static string Describe(string? source, IReadOnlyList<JobSpecError> errors) => JobSpecError.Describe(source ?? "the suite", errors);
}
