namespace Pipeline.Formats.Tests.Support;

/// <summary>
/// Tests that measure the managed heap run alone, after the parallel ones, so other tests' allocations do not
/// show up in their samples.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "Managed heap measurements";
}
