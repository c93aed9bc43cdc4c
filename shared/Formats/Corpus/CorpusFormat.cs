namespace Pipeline.Formats.Corpus;

/// <summary>How a corpus file lays out its documents. Either may be gzip-compressed (detected from the content).</summary>
public enum CorpusFormat
{
    /// <summary>
    /// One JSON object per line, BEIR style by default: <c>{"_id": ..., "title": ..., "text": ...}</c>; the field
    /// names are set by <see cref="CorpusReaderOptions"/>. File names <c>.jsonl</c>, <c>.json</c>, <c>.ndjson</c>.
    /// </summary>
    Jsonl,

    /// <summary>
    /// Tab-separated <c>id&lt;TAB&gt;text</c> or <c>id&lt;TAB&gt;text&lt;TAB&gt;title</c>, no header, no quoting.
    /// File name <c>.tsv</c>.
    /// </summary>
    Tsv,
}
