namespace Pipeline.Formats.Queries;

/// <summary>How a queries file lays out its queries. Either may be gzip-compressed (detected from the content).</summary>
public enum QueryFormat
{
    /// <summary>
    /// One JSON object per line, BEIR style by default: <c>{"_id": ..., "text": ...}</c>; other fields (BEIR's
    /// <c>metadata</c>) are ignored. File names <c>.jsonl</c>, <c>.json</c>, <c>.ndjson</c>.
    /// </summary>
    Jsonl,

    /// <summary>Tab-separated <c>id&lt;TAB&gt;text</c>, no header, no quoting. File name <c>.tsv</c>.</summary>
    Tsv,
}
