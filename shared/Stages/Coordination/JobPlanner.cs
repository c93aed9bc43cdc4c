using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Environment;

namespace Pipeline.Stages.Coordination;

/// <summary>
/// The task graph of a job: which tasks exist (from the spec and the <see cref="JobFacts"/>), how each stage fans in
/// and out (<see cref="Rule"/>), and which tasks are ready but not done (<see cref="PendingAsync"/>, for resuming a
/// re-submitted job).
/// </summary>
/// <remarks>
/// prepare → split → index ×S → merge-statistics → retrieve ×(S×B) → merge ×B (each after its block's S retrievals)
/// → rerank ×B (each after its merge; only with a reranker) → aggregate (after every block).
/// </remarks>
public sealed class JobPlanner
{
    private readonly JobFiles _files;
    private readonly TaskLedger _ledger;

    /// <summary>A planner reading facts and markers through <paramref name="files"/>.</summary>
    public JobPlanner(JobFiles files, TaskLedger ledger)
    {
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
    }

    /// <summary>The facts known so far: blocks from the plan, shards from the shard manifest.</summary>
    public async Task<JobFacts> FactsAsync(JobLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int? blocks = null;
        int? shards = null;
        if (await _files.ReadTextAsync(layout.Plan, cancellationToken).ConfigureAwait(false) is { } plan)
        {
            using var json = JsonDocument.Parse(plan);
            blocks = json.RootElement.GetProperty("blocks").GetInt32();
        }
        if (await _files.ReadTextAsync(layout.CorpusManifest, cancellationToken).ConfigureAwait(false) is { } manifest)
        {
            using var json = JsonDocument.Parse(manifest);
            shards = json.RootElement.GetProperty("shards").GetArrayLength();
        }
        return new JobFacts(blocks, shards);
    }

    /// <summary>How <paramref name="task"/> advances the job.</summary>
    /// <exception cref="InvalidOperationException">A fact the rule needs is not known yet (a task ran out of order).</exception>
    public static AdvanceRule Rule(JobSpec spec, JobFacts facts, StageTask task)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(task);
        var id = spec.JobId;
        switch (task.Stage)
        {
            case Stage.Prepare:
                return Single(task, [new StageTask(id, Stage.Split)]);
            case Stage.Split:
                return Single(task, [.. Enumerable.Range(0, Shards(facts)).Select(s => new StageTask(id, Stage.Index, Shard: s))]);
            case Stage.Index:
                return new AdvanceRule("all", Shards(facts), static _ => true, [new StageTask(id, Stage.MergeStatistics)]);
            case Stage.MergeStatistics:
                // Shard by shard (every block of shard 0, then of shard 1...): workers that take tasks in this order
                // need one or two shard indexes in memory at a time (ResourceCache.ShardCapacity), not all of them.
                return Single(task, [.. Enumerable.Range(0, Shards(facts))
                    .SelectMany(s => Enumerable.Range(0, Blocks(facts)).Select(b => new StageTask(id, Stage.Retrieve, s, b)))]);
            case Stage.Retrieve:
                var block = task.Block!.Value;
                var suffix = BlockName(block);
                return new AdvanceRule(suffix, Shards(facts), unit => unit.EndsWith("-" + suffix, StringComparison.Ordinal),
                    [new StageTask(id, Stage.Merge, Block: block)]);
            case Stage.Merge when spec.Rerank is not null:
                return Single(task, [new StageTask(id, Stage.Rerank, Block: task.Block)]);
            case Stage.Merge:
            case Stage.Rerank:
                return new AdvanceRule("all", Blocks(facts), static _ => true, [new StageTask(id, Stage.Aggregate)]);
            case Stage.Aggregate:
                return Single(task, []);
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task.Stage, "unknown stage");
        }
    }

    /// <summary>
    /// The tasks whose inputs have committed but which have not: what must be enqueued to resume the job from its
    /// markers. Empty when the job is complete. Tasks already in a queue may be listed again (they are idempotent).
    /// </summary>
    public async Task<IReadOnlyList<StageTask>> PendingAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = new JobLayout(spec.JobId);
        var id = spec.JobId;
        async Task<HashSet<string>> Done(Stage stage) => await _ledger.DoneUnitsAsync(layout, stage, cancellationToken).ConfigureAwait(false);
        if (!(await Done(Stage.Prepare)).Contains("job"))
        {
            return [new StageTask(id, Stage.Prepare)];
        }
        if (!(await Done(Stage.Split)).Contains("job"))
        {
            return [new StageTask(id, Stage.Split)];
        }
        var facts = await FactsAsync(layout, cancellationToken).ConfigureAwait(false);
        var shards = Shards(facts);
        var blocks = Blocks(facts);
        var indexDone = await Done(Stage.Index);
        var pending = Enumerable.Range(0, shards).Select(s => new StageTask(id, Stage.Index, Shard: s)).Where(t => !indexDone.Contains(t.Unit)).ToList();
        if (pending.Count > 0)
        {
            return pending;
        }
        if (!(await Done(Stage.MergeStatistics)).Contains("job"))
        {
            return [new StageTask(id, Stage.MergeStatistics)];
        }
        var retrieveDone = await Done(Stage.Retrieve);
        var mergeDone = await Done(Stage.Merge);
        var rerankDone = spec.Rerank is null ? null : await Done(Stage.Rerank);
        var lastDone = rerankDone ?? mergeDone;
        for (var b = 0; b < blocks; b++)
        {
            var retrievals = Enumerable.Range(0, shards).Select(s => new StageTask(id, Stage.Retrieve, s, b)).Where(t => !retrieveDone.Contains(t.Unit)).ToList();
            var merge = new StageTask(id, Stage.Merge, Block: b);
            if (retrievals.Count > 0)
            {
                pending.AddRange(retrievals);
            }
            else if (!mergeDone.Contains(merge.Unit))
            {
                pending.Add(merge);
            }
            else if (rerankDone is not null && !rerankDone.Contains(BlockName(b)))
            {
                pending.Add(new StageTask(id, Stage.Rerank, Block: b));
            }
        }
        if (pending.Count == 0 && lastDone.Count >= blocks && !(await Done(Stage.Aggregate)).Contains("job"))
        {
            pending.Add(new StageTask(id, Stage.Aggregate));
        }
        return pending;
    }

    /// <summary>The number of tasks of each stage, where known (for progress).</summary>
    public static IReadOnlyDictionary<Stage, int?> TaskCounts(JobSpec spec, JobFacts facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        var counts = new Dictionary<Stage, int?>
        {
            [Stage.Prepare] = 1,
            [Stage.Split] = 1,
            [Stage.Index] = facts.Shards,
            [Stage.MergeStatistics] = 1,
            [Stage.Retrieve] = facts.Shards * facts.Blocks,
            [Stage.Merge] = facts.Blocks,
            [Stage.Rerank] = spec.Rerank is null ? 0 : facts.Blocks,
            [Stage.Aggregate] = 1,
        };
        return counts;
    }

    private static AdvanceRule Single(StageTask task, IReadOnlyList<StageTask> next) =>
        new(task.Unit, 1, unit => unit == task.Unit, next);

    private static int Shards(JobFacts facts) => facts.Shards ?? throw new InvalidOperationException("the shard count is not known before the corpus is split");

    private static int Blocks(JobFacts facts) => facts.Blocks ?? throw new InvalidOperationException("the block count is not known before the job is prepared");

    internal static string BlockName(int block) => string.Create(CultureInfo.InvariantCulture, $"block-{block:D5}");
}
