namespace Pipeline.Core.Jobs;

/// <summary>An input file: a location and its format.</summary>
/// <param name="Location">
/// A path relative to the job's input root (no <c>..</c>, no absolute paths), or a blob location
/// (<c>az://container/blob</c>) in the storage account the pipeline is configured with.
/// </param>
/// <param name="Format">The file format; <c>auto</c> infers it from the name. Queries: <c>auto</c>, <c>tsv</c>, <c>jsonl</c>. Qrels: <c>trec</c>.</param>
public sealed record InputSpec(string Location, string Format = "auto");
