namespace Pipeline.Stages.Coordination;

/// <summary>What a completion marker records about its task (for status and timings; never for results).</summary>
/// <param name="Unit">The unit (<c>shard-00003-block-00012</c>).</param>
/// <param name="StartedAt">When the task's work started.</param>
/// <param name="Seconds">How long the work took.</param>
/// <param name="Attempt">The delivery that did the work (1 for the first).</param>
public sealed record TaskRecord(string Unit, DateTimeOffset StartedAt, double Seconds, long Attempt);
