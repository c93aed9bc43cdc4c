namespace Pipeline.Nightly;

/// <summary>What a trigger of <see cref="NightlyRunner.RunAsync"/> did.</summary>
public enum NightlyOutcome
{
    /// <summary>This trigger claimed the date, ran the jobs and wrote the summary.</summary>
    Ran,

    /// <summary>The date had already been run; its existing summary is returned and nothing was started.</summary>
    AlreadyDone,

    /// <summary>Another trigger holds the date's claim and has not written its summary yet; nothing was started.</summary>
    InProgress,
}
