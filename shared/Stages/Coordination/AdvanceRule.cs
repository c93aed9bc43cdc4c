using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Coordination;

/// <summary>
/// How a committed task moves the job on: when every unit of its <see cref="Group"/> (<see cref="Expected"/> units
/// matching <see cref="IsMember"/>) has committed, the claimant of the group's advance enqueues <see cref="Next"/>.
/// </summary>
/// <param name="Group">The fan-in group's name (<c>all</c>, <c>block-00003</c>, or the unit itself for a 1→n step).</param>
/// <param name="Expected">How many units the group has.</param>
/// <param name="IsMember">Whether a committed unit of the stage belongs to the group.</param>
/// <param name="Next">The tasks to enqueue once the group is complete (empty after the last stage).</param>
public sealed record AdvanceRule(string Group, int Expected, Func<string, bool> IsMember, IReadOnlyList<StageTask> Next);
