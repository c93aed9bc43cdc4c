using Pipeline.Stages.Coordination;
using Pipeline.Stages.Tests.Support;

namespace Pipeline.Stages.Tests;

/// <summary>The full Cranfield job run once the plainest way (1 shard, 1 worker): the results every variant must equal.</summary>
public sealed class ReferenceRun : IDisposable
{
    public ReferenceRun()
    {
        using var harness = new JobHarness();
        var spec = JobHarness.FullSpec("reference", shards: 1);
        Status = harness.RunAsync(spec, parallel: 1).GetAwaiter().GetResult();
        Results = harness.Results("reference");
        Manifest = File.ReadAllText(harness.JobFile("reference", "manifest.json"));
    }

    public JobStatus Status { get; }

    public SortedDictionary<string, byte[]> Results { get; }

    public string Manifest { get; }

    public void Dispose()
    {
    }
}
