using Pipeline.Nightly.Reports;

namespace Pipeline.Nightly;

/// <summary>The answer of a nightly trigger.</summary>
/// <param name="Date">The night.</param>
/// <param name="Outcome">What this trigger did.</param>
/// <param name="Status">The night's overall status; null while <see cref="NightlyOutcome.InProgress"/>.</param>
/// <param name="SummaryJson">The bytes of <c>summary.json</c>; null while in progress.</param>
/// <param name="Summary">The summary this trigger wrote; null unless <see cref="NightlyOutcome.Ran"/>.</param>
public sealed record NightlyResult(DateOnly Date, NightlyOutcome Outcome, NightlyStatus? Status, byte[]? SummaryJson, NightlySummary? Summary);
