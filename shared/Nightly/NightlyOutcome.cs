namespace Pipeline.Nightly;

/// <summary>What a run of <see cref="NightlyRunner.RunAsync"/> (or a wait, <see cref="NightlyRunner.WaitAsync"/>) came to.</summary>
public enum NightlyOutcome
{
    /// <summary>The night ran to its summary (started by this trigger).</summary>
    Ran,

    /// <summary>The date had already been run; its existing summary is returned and nothing was started.</summary>
    AlreadyDone,

    /// <summary>Another trigger holds the date's claim and has not written its summary yet; nothing was started.</summary>
    InProgress,
}
