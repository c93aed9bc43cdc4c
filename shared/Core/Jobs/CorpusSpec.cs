namespace Pipeline.Core.Jobs;

/// <summary>The corpus: a location, its format and, for JSON lines, the field names.</summary>
/// <param name="Location">As <see cref="InputSpec.Location"/>.</param>
/// <param name="Format"><c>auto</c> (from the name), <c>jsonl</c>, <c>tsv</c> or <c>parquet</c>.</param>
/// <param name="IdField">The id field of JSON lines or Parquet; null for the default (<c>_id</c> for JSON lines, <c>doc_id</c> for Parquet; TSV has no field names).</param>
/// <param name="TitleField">The title field; default <c>title</c>.</param>
/// <param name="TextField">The text field; default <c>text</c>.</param>
/// <param name="OnBadRecord">
/// A record without an id or text, or a repeated id: <c>fail</c> (default) stops the job naming the line; <c>skip</c>
/// leaves it out and counts it in the shard manifest.
/// </param>
public sealed record CorpusSpec(string Location, string Format = "auto", string? IdField = null, string TitleField = "title", string TextField = "text",
    string OnBadRecord = "fail");
