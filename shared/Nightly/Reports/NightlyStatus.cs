namespace Pipeline.Nightly.Reports;

/// <summary>The overall status of a night, as <c>summary.json</c> spells it.</summary>
public enum NightlyStatus
{
    /// <summary><c>ok</c>: every job completed and no tracked measure regressed.</summary>
    Ok,

    /// <summary><c>regression</c>: every job completed and at least one tracked measure regressed.</summary>
    Regression,

    /// <summary><c>failed</c>: at least one job failed (its measures could not be checked).</summary>
    Failed,
}
