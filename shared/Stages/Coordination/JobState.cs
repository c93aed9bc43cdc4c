namespace Pipeline.Stages.Coordination;

/// <summary>Where a job is.</summary>
public enum JobState
{
    /// <summary>Submitted; no task has committed yet.</summary>
    Queued,

    /// <summary>At least one task has committed; not finished.</summary>
    Running,

    /// <summary>Every result is written.</summary>
    Completed,

    /// <summary>Stopped by a permanent failure; results are not complete.</summary>
    Failed,
}
