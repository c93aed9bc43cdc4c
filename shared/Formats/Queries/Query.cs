namespace Pipeline.Formats.Queries;

/// <summary>One query (TREC "topic").</summary>
/// <param name="QueryId">The query id: non-empty, without whitespace.</param>
/// <param name="Text">The query text; never empty or whitespace only.</param>
public sealed record Query(string QueryId, string Text);
