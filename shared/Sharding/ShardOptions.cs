namespace Pipeline.Sharding;

/// <summary>
/// How <see cref="CorpusSharder"/> splits a corpus. Shards hold consecutive documents in input order; give either
/// <see cref="ShardDocs"/> or <see cref="Shards"/> (neither: <see cref="DefaultShardDocs"/> documents per shard).
/// </summary>
public sealed record ShardOptions
{
    /// <summary>Documents per shard when neither <see cref="ShardDocs"/> nor <see cref="Shards"/> is given: 100,000.</summary>
    public const long DefaultShardDocs = 100_000;

    /// <summary>The input layout; <c>null</c> (default) infers it from the file name (<c>.parquet</c>, <c>.jsonl[.gz]</c>, <c>.tsv[.gz]</c>...).</summary>
    public ShardInputFormat? Format { get; init; }

    /// <summary>Field (or Parquet column) of the document id; <c>null</c> (default): <c>_id</c>, or <c>doc_id</c> for Parquet.</summary>
    public string? IdField { get; init; }

    /// <summary>Field (or Parquet column) of the text. Default <c>text</c>.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>Field (or Parquet column) of the title; <c>null</c>: no titles. Default <c>title</c> (absent → empty).</summary>
    public string? TitleField { get; init; } = "title";

    /// <summary>Documents per shard (the last may hold fewer). At least 1.</summary>
    public long? ShardDocs { get; init; }

    /// <summary>
    /// The number of shards: documents are split into this many near-equal consecutive runs. At least 1. For JSON
    /// lines and TSV this costs a first pass that counts the documents that read well; records later left out as
    /// duplicates (skip mode) make the last shards shorter.
    /// </summary>
    public int? Shards { get; init; }

    /// <summary>What to do with bad records. Default <see cref="BadRecordPolicy.Fail"/>.</summary>
    public BadRecordPolicy OnBadRecord { get; init; } = BadRecordPolicy.Fail;

    /// <summary>Rows per Parquet row group. Default 10,000 (about 10 MB of text for typical passages); at least 1,000.</summary>
    public int RowGroupSize { get; init; } = 10_000;

    /// <summary>ZSTD compression level of the shards (1–22). Default 3, DuckDB's default.</summary>
    public int CompressionLevel { get; init; } = 3;

    /// <summary>
    /// Parallelism. The reader's path and Parquet input: DuckDB worker threads. The DuckDB fast path: shards written side
    /// by side (at most 4), one DuckDB thread each. Default 1. Any value gives byte-identical output from run to run.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>DuckDB's memory limit (<c>"1GB"</c>); past it DuckDB spills to the work directory. Default <c>"1GB"</c>.</summary>
    public string MemoryLimit { get; init; } = "1GB";

    /// <summary>
    /// Who parses JSON lines. Default <see cref="ShardParser.Auto"/>: DuckDB's own reader when the file is one it reads
    /// exactly as the line-numbered reader does and holds no bad record, else the reader; both give byte-identical
    /// shards and manifest. Other formats ignore it: TSV is always read by the reader, Parquet by DuckDB.
    /// </summary>
    public ShardParser Parser { get; init; } = ShardParser.Auto;

    /// <summary>At most this many bad records are kept with their line and reason (all are counted). Default 1,000.</summary>
    public int MaxReportedBadRecords { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> for out-of-range values.</summary>
    public void Validate()
    {
        if (ShardDocs is not null && Shards is not null)
        {
            throw new ArgumentException("give either the documents per shard or the number of shards, not both");
        }
        if (ShardDocs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ShardDocs), ShardDocs, "at least 1 document per shard");
        }
        if (Shards is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Shards), Shards, "at least 1 shard");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(RowGroupSize, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(CompressionLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CompressionLevel, 22);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentException.ThrowIfNullOrEmpty(TextField);
        ArgumentException.ThrowIfNullOrEmpty(MemoryLimit);
        if (!Enum.IsDefined(Parser))
        {
            throw new ArgumentOutOfRangeException(nameof(Parser), Parser, "unknown parser");
        }
        if (!Enum.IsDefined(OnBadRecord))
        {
            throw new ArgumentOutOfRangeException(nameof(OnBadRecord), OnBadRecord, "unknown policy");
        }
    }
}
