namespace Pipeline.Stages.Running;

/// <summary>A job id that already exists in the store with a different spec.</summary>
public sealed class JobConflictException : Exception
{
    /// <summary>An exception for job <paramref name="jobId"/> whose stored spec is <paramref name="storedAt"/>.</summary>
    public JobConflictException(string jobId, string storedAt)
        : base($"job '{jobId}' already exists with a different spec ({storedAt}); re-submitting resumes a job only with the same spec — choose a new jobId to run a changed one")
    {
        JobId = jobId;
    }

    /// <summary>An exception for serializers; prefer the other constructor.</summary>
    public JobConflictException()
        : base("the job exists with a different spec")
    {
        JobId = "";
    }

    /// <summary>An exception for serializers; prefer the other constructor.</summary>
    public JobConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobId = "";
    }

    /// <summary>The job id.</summary>
    public string JobId { get; }
}
