namespace Pipeline.Stages.Coordination;

/// <summary>What the plan of a job depends on, known once the stages that decide it have committed.</summary>
/// <param name="Blocks">Query blocks, known after Prepare; null before.</param>
/// <param name="Shards">Corpus shards, known after Split; null before.</param>
public sealed record JobFacts(int? Blocks, int? Shards);
