using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;

namespace Pipeline.Stages;

/// <summary>One job as a task sees it: its spec, its blob layout, the facts known so far and the environment.</summary>
/// <param name="Spec">The job spec (from the job's <c>job.json</c>).</param>
/// <param name="Layout">The job's blob names.</param>
/// <param name="Facts">Blocks and shards, where known.</param>
/// <param name="Environment">Store, inputs, cache, logger, clock.</param>
public sealed record JobContext(JobSpec Spec, JobLayout Layout, JobFacts Facts, StageEnvironment Environment)
{
    /// <summary>The key prefix of this job's cached resources.</summary>
    public string CacheKey(string what) => $"{Spec.JobId}/{what}";

    /// <summary>The number of shards (known from Split on).</summary>
    public int Shards => Facts.Shards ?? throw new InvalidOperationException("the shard count is not known before the corpus is split");

    /// <summary>The number of query blocks (known from Prepare on).</summary>
    public int Blocks => Facts.Blocks ?? throw new InvalidOperationException("the block count is not known before the job is prepared");
}
