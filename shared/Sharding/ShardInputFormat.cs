namespace Pipeline.Sharding;

/// <summary>The layout of the corpus to shard.</summary>
public enum ShardInputFormat
{
    /// <summary>JSON lines (BEIR field names by default), plain or gzip; read by <c>Pipeline.Formats.CorpusReader</c>.</summary>
    Jsonl,

    /// <summary><c>id&lt;TAB&gt;text[&lt;TAB&gt;title]</c>, plain or gzip; read by <c>Pipeline.Formats.CorpusReader</c>.</summary>
    Tsv,

    /// <summary>A Parquet file, read by DuckDB's <c>read_parquet</c>; "line" numbers in reports are 1-based row numbers.</summary>
    Parquet,
}
