namespace Pipeline.Stages.Coordination;

/// <summary>The outcome of claiming a group's advance (<see cref="TaskLedger.ClaimAdvanceAsync"/>).</summary>
public enum AdvanceClaim
{
    /// <summary>The claim was created now: this task advances the job.</summary>
    Won,

    /// <summary>This task created the claim on an earlier delivery (it may have died before enqueuing): it advances again.</summary>
    HeldByClaimant,

    /// <summary>Another task holds the claim: this one does nothing more.</summary>
    HeldByOther,
}
