namespace Pipeline.Nightly;

/// <summary>What a trigger of <see cref="NightlyStarter.StartAsync"/> did.</summary>
public enum NightlyStartOutcome
{
    /// <summary>This trigger claimed the date, wrote the plan and put every job on the queues.</summary>
    Started,

    /// <summary>
    /// The date's claim was left by a start that did not finish (its own trigger fired again, or the claim was older than
    /// <see cref="NightlyOptions.StartTimeout"/>): this trigger took it over and submitted the jobs that had not ended.
    /// </summary>
    Recovered,

    /// <summary>The night has its summary; nothing was started.</summary>
    AlreadyDone,

    /// <summary>The night has been started (or is being started by another trigger) and has no summary yet; nothing was started.</summary>
    InProgress,
}
