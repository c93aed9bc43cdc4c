using Pipeline.Nightly.Reports;

namespace Pipeline.Nightly;

/// <summary>The answer of a nightly trigger's start.</summary>
/// <param name="Date">The night.</param>
/// <param name="Outcome">What this trigger did.</param>
/// <param name="Queued">The jobs whose tasks this trigger put on the queues, by dated id.</param>
/// <param name="Ended">The jobs that ended at submission (bad input, a conflicting job id), with why.</param>
/// <param name="Status">The night's status when it has a summary (also one this trigger wrote, when every job ended at submission); else null.</param>
/// <param name="SummaryJson">The bytes of <c>summary.json</c> when it exists; else null.</param>
public sealed record NightlyStart(DateOnly Date, NightlyStartOutcome Outcome, IReadOnlyList<string> Queued, IReadOnlyList<JobOutcome> Ended,
    NightlyStatus? Status, byte[]? SummaryJson);
