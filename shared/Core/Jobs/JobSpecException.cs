namespace Pipeline.Core.Jobs;

/// <summary>A job spec that cannot be run: every problem found, each with its JSON path.</summary>
public sealed class JobSpecException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/> (at least one); <paramref name="source"/> names the file.</summary>
    public JobSpecException(string? source, IReadOnlyList<JobSpecError> errors)
        : base(Describe(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>An exception with one problem.</summary>
    public JobSpecException(string? source, string path, string message)
        : this(source, [new JobSpecError(path, message)])
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public JobSpecException()
        : this(null, "$", "invalid job spec")
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public JobSpecException(string message)
        : this(null, "$", message)
    {
    }

    /// <summary>An exception for serializers; prefer the other constructors.</summary>
    public JobSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new JobSpecError("$", message)];
    }

    /// <summary>The job file or location, when known.</summary>
    public new string? Source { get; }

    /// <summary>Every problem found, in the order the reader checks them: section by section, unknown fields last within each object.</summary>
    public IReadOnlyList<JobSpecError> Errors { get; }

    private static string Describe(string? source, IReadOnlyList<JobSpecError> errors) => JobSpecError.Describe(source ?? "the job spec", errors);
}
