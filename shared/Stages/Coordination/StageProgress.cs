using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Coordination;

/// <summary>One stage's progress in a job's status.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Done">Committed tasks.</param>
/// <param name="Total">Tasks in all; null while unknown.</param>
/// <param name="Seconds">Work time of the committed tasks, summed.</param>
/// <param name="FirstStartedAt">When the first committed task started; null when none.</param>
/// <param name="LastFinishedAt">When the last committed task finished; null when none.</param>
public sealed record StageProgress(Stage Stage, int Done, int? Total, double Seconds, DateTimeOffset? FirstStartedAt, DateTimeOffset? LastFinishedAt);
