using System.Globalization;
using System.Security.Cryptography;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;

namespace Pipeline.Sharding;

/// <summary>
/// Splits a corpus into Parquet shards <c>shard-00000.parquet</c>, … (<c>doc_id VARCHAR, title VARCHAR,
/// text VARCHAR</c>, ZSTD) of consecutive documents in input order, plus <c>manifest.json</c>. Host-agnostic.
/// </summary>
/// <remarks>
/// <para>JSON lines are read by DuckDB first (<see cref="ShardOptions.Parser"/> = <see cref="ShardParser.Auto"/>): its
/// <c>read_json</c> parses the file and SQL applies the reader's record rules, the rows stream through a table
/// function into the same <c>COPY</c> statement the reader's path uses (in the same chunks, so the same bytes), several
/// shards side by side at <see cref="ShardOptions.Threads"/> &gt; 1. A byte screen (<see cref="JsonLineScreen"/>)
/// reads the file alongside, checksumming it, for anything DuckDB would read differently from the reader; the ids go
/// through a 64-bit hash filter. Any DuckDB error, bad record, flagged line, hash hit or count mismatch discards
/// everything the fast path wrote, and the reader runs from the start. See <c>shared/Sharding/ARCHITECTURE.md</c>.</para>
/// <para>The reader's path (TSV always; JSON lines when the fast path gives way): <see cref="CorpusReader"/> (strict,
/// with file:line errors) in one streaming pass: documents are appended to an in-memory DuckDB buffer table that is
/// copied to the next shard file as soon as it holds a shard's documents, so DuckDB holds at most one shard (spilling
/// past its memory limit). Duplicate ids are caught by a set of 64-bit id hashes with the line of each first
/// occurrence (about 21–43 bytes per document, see <see cref="IdHashSet"/>); every hash hit is confirmed exactly by
/// DuckDB against the shards written so far and the buffer before the shard is written, so a hash collision is never
/// reported as a duplicate. With <see cref="ShardOptions.Shards"/> a first pass counts the documents. Parquet input is
/// read by DuckDB's <c>read_parquet</c> into a work database file, checked with a <c>GROUP BY</c>, and streamed out
/// through the fast path's feed and shard writers.</para>
/// <para>Everything is written into a hidden staging directory next to the output and renamed into place only when
/// complete; on any failure (or a fallback) the staging directory is removed and the output does not exist.</para>
/// <para>The same input and options give byte-identical shards and manifest. For JSON lines and TSV the shards are
/// also the same at every <see cref="ShardOptions.Threads"/> (the manifest records the setting), and the same
/// documents give the same shards whether they come as JSON lines, TSV or Parquet, with or without records that skip
/// mode leaves out.</para>
/// </remarks>
public static partial class CorpusSharder
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.json";

    private const int ProgressEvery = 100_000;

    /// <summary>The shard file name for shard <paramref name="index"/>: <c>shard-00003.parquet</c>.</summary>
    public static string ShardFileName(int index) => string.Create(CultureInfo.InvariantCulture, $"shard-{index:D5}.parquet");

    /// <summary>The format implied by the file name (looking through <c>.gz</c>).</summary>
    /// <exception cref="InputFormatException">The name implies no format.</exception>
    public static ShardInputFormat InferFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return ShardInputFormat.Parquet;
        }
        try
        {
            return CorpusReader.InferFormat(path) == CorpusFormat.Jsonl ? ShardInputFormat.Jsonl : ShardInputFormat.Tsv;
        }
        catch (InputFormatException)
        {
            throw new InputFormatException(path, 0, "cannot tell the format from the file name; name it (jsonl, tsv or parquet)");
        }
    }

    /// <summary>Shards <paramref name="corpusPath"/> into <paramref name="outputDirectory"/>.</summary>
    /// <param name="corpusPath">The corpus file.</param>
    /// <param name="outputDirectory">Created; it must not exist, or be empty.</param>
    /// <param name="options">How to shard; <c>null</c> for the defaults.</param>
    /// <param name="progress">Receives progress now and then (every 100,000 documents read, every shard written).</param>
    /// <param name="cancellationToken">Stops the run (the output is then not created).</param>
    /// <exception cref="FileNotFoundException">The corpus does not exist.</exception>
    /// <exception cref="IOException">The output directory exists and is not empty, or an I/O error.</exception>
    /// <exception cref="InputFormatException">A bad record in fail mode (with its line), or no document to shard.</exception>
    /// <exception cref="DuckDbException">DuckDB failed (for Parquet input, a damaged file: see <see cref="DuckDbException.IsInputError"/>).</exception>
    public static ShardResult Shard(string corpusPath, string outputDirectory, ShardOptions? options = null,
        IProgress<ShardProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Shard(corpusPath, outputDirectory, options, progress, null, cancellationToken);

    /// <summary>
    /// As the public overload, with the id hash of the duplicate filters replaceable (tests force collisions; the
    /// DuckDB fast path then hashes each id's text with it instead of its UTF-8 bytes).
    /// </summary>
    internal static ShardResult Shard(string corpusPath, string outputDirectory, ShardOptions? options,
        IProgress<ShardProgress>? progress, Func<string, ulong>? idHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(corpusPath);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        options ??= new ShardOptions();
        options.Validate();
        if (!File.Exists(corpusPath))
        {
            throw new FileNotFoundException($"corpus file not found: {corpusPath}", corpusPath);
        }
        var format = options.Format ?? InferFormat(corpusPath);
        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new IOException($"the output directory {output} exists and is not empty");
        }
        var parent = Path.GetDirectoryName(output) ?? throw new IOException($"{output} has no parent directory");
        Directory.CreateDirectory(parent);
        var staging = CreateStaging(parent, output);
        try
        {
            ShardResult? result = null;
            string? declined = null;
            Task<(string Sha256, long Bytes)>? sourceHash = null;
            if (format == ShardInputFormat.Jsonl && options.Parser != ShardParser.Reader)
            {
                var fast = new Run(corpusPath, format, options, staging, progress, idHash, null, cancellationToken);
                result = fast.TryDuckDbJsonLines(out declined, out sourceHash);
                if (result is null)
                {
                    // Nothing the fast path wrote survives: the reader starts over in a new staging directory.
                    TryDelete(staging);
                    if (options.Parser == ShardParser.DuckDb)
                    {
                        throw new InputFormatException(corpusPath, 0,
                            $"not read with the DuckDB parser: {declined} (the auto parser reads such a file with the line-numbered reader)");
                    }
                    progress?.Report(new ShardProgress("fallback", 0, 0, declined));
                    staging = CreateStaging(parent, output);
                }
            }
            result ??= new Run(corpusPath, format, options, staging, progress, idHash, sourceHash, cancellationToken).Execute() with
            {
                FallbackReason = declined,
            };
            Directory.Delete(Path.Combine(staging, WorkDirectoryName), recursive: true);
            File.WriteAllBytes(Path.Combine(staging, ManifestFileName), result.Manifest.ToJson());
            if (Directory.Exists(output))
            {
                Directory.Delete(output); // empty, checked above
            }
            Directory.Move(staging, output);
            return result with { OutputDirectory = output };
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private const string WorkDirectoryName = ".work";

    /// <summary>A hidden staging directory next to the output, with its DuckDB work directory.</summary>
    private static string CreateStaging(string parent, string output)
    {
        var staging = Path.Combine(parent, $".{Path.GetFileName(output)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(staging, WorkDirectoryName));
        return staging;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the staging directory is hidden and never looks complete (no manifest).
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    internal static (string Sha256, long Bytes) Sha256File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    /// <summary>
    /// One sharding run: the DuckDB work between the staging directory's creation and its rename. Its
    /// <c>knownSourceHash</c> is the corpus checksum when an earlier attempt (the fast path) computed it already.
    /// </summary>
    private sealed partial class Run(string corpusPath, ShardInputFormat format, ShardOptions options, string staging,
        IProgress<ShardProgress>? progress, Func<string, ulong>? idHash, Task<(string Sha256, long Bytes)>? knownSourceHash,
        CancellationToken cancellationToken)
    {
        private readonly string _work = Path.Combine(staging, WorkDirectoryName);
        private readonly List<BadRecord> _readProblems = [];
        private readonly List<BadRecord> _duplicateProblems = [];
        private long _badCount;
        private long _duplicateCount;

        private bool Skip => options.OnBadRecord == BadRecordPolicy.Skip;

        public ShardResult Execute()
        {
            // The source checksum is computed on a worker thread while the shards are written (same CPU, less wall time).
            var sourceHash = knownSourceHash ?? Task.Run(() => Sha256File(corpusPath), CancellationToken.None);
            List<ShardFile> shards;
            try
            {
                shards = format == ShardInputFormat.Parquet ? ShardParquet() : StreamLines();
            }
            catch
            {
                sourceHash.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed, ignored
                throw;
            }
            return BuildResult(shards, sourceHash.GetAwaiter().GetResult()) with
            {
                Parser = format == ShardInputFormat.Parquet ? ShardParser.DuckDb : ShardParser.Reader,
            };
        }

        /// <summary>The result and manifest of a run that wrote <paramref name="shards"/>.</summary>
        private ShardResult BuildResult(List<ShardFile> shards, (string Sha256, long Bytes) source)
        {
            var bad = _readProblems.Concat(_duplicateProblems).OrderBy(b => b.LineNumber)
                .Take(options.MaxReportedBadRecords).ToList();
            var manifest = new ShardManifest(
                ShardManifest.CurrentSchemaVersion,
                Path.GetFileName(corpusPath),
                source.Bytes,
                source.Sha256,
                format.ToString().ToLowerInvariant(),
                ManifestOptions(),
                shards.Sum(s => s.Documents),
                _badCount + _duplicateCount,
                _duplicateCount,
                DuckDbLibrary.Version,
                shards);
            return new ShardResult(staging, manifest, bad);
        }

        /// <summary>
        /// Parquet input: loaded into a work database file (with <see cref="ShardOptions.Threads"/> DuckDB threads),
        /// checked there, then streamed out into shards as the JSON fast path writes them, so that the shards are the
        /// same bytes at every thread count.
        /// </summary>
        private List<ShardFile> ShardParquet()
        {
            using var db = DuckDbDatabase.Open(Path.Combine(_work, "work.duckdb"), Settings);
            using var connection = db.Connect();
            using var registration = cancellationToken.Register(connection.Interrupt);
            LoadParquet(connection);
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ShardProgress("check", 0, 0));
            CheckDuplicates(connection);
            return WriteShards(db, connection);
        }

        private DuckDbSettings Settings => new()
        {
            Threads = options.Threads,
            MemoryLimit = options.MemoryLimit,
            TempDirectory = Path.Combine(_work, "spill"),
            PreserveInsertionOrder = true,
        };

        private string IdField => options.IdField ?? (format == ShardInputFormat.Parquet ? "doc_id" : "_id");

        private List<KeyValuePair<string, string?>> ManifestOptions() =>
        [
            new("idField", IdField),
            new("textField", options.TextField),
            new("titleField", options.TitleField),
            new("shardDocs", options.ShardDocs?.ToString(CultureInfo.InvariantCulture)),
            new("shards", options.Shards?.ToString(CultureInfo.InvariantCulture)),
            new("onBadRecord", options.OnBadRecord == BadRecordPolicy.Skip ? "skip" : "fail"),
            new("compression", "zstd"),
            new("compressionLevel", options.CompressionLevel.ToString(CultureInfo.InvariantCulture)),
            new("rowGroupSize", options.RowGroupSize.ToString(CultureInfo.InvariantCulture)),
            new("threads", options.Threads.ToString(CultureInfo.InvariantCulture)),
        ];

        private void AddBad(List<BadRecord> list, long line, string reason)
        {
            if (list.Count < options.MaxReportedBadRecords)
            {
                list.Add(new BadRecord(line, reason));
            }
        }

        private void LoadParquet(DuckDbConnection connection)
        {
            var source = $"read_parquet({DuckDbSql.Literal(corpusPath)}, file_row_number = true)";
            var columns = new HashSet<string>(StringComparer.Ordinal);
            using (var described = connection.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM {source})"))
            {
                while (described.FetchChunk() is { } chunk)
                {
                    using (chunk)
                    {
                        for (var row = 0; row < chunk.RowCount; row++)
                        {
                            columns.Add(chunk.GetVector(0).GetString(row));
                        }
                    }
                }
            }
            foreach (var required in new[] { IdField, options.TextField })
            {
                if (!columns.Contains(required))
                {
                    throw new InputFormatException(corpusPath, 0,
                        $"no column '{required}' (columns: {string.Join(", ", columns.Where(c => c != "file_row_number"))})");
                }
            }
            var title = options.TitleField is { } t && columns.Contains(t) ? $"coalesce(CAST({DuckDbSql.Identifier(t)} AS VARCHAR), '')" : "''";
            var id = $"CAST({DuckDbSql.Identifier(IdField)} AS VARCHAR)";
            var text = $"CAST({DuckDbSql.Identifier(options.TextField)} AS VARCHAR)";
            connection.Execute($"""
                CREATE TABLE docs AS
                SELECT file_row_number AS seq, file_row_number + 1 AS line, {id} AS doc_id, {title} AS title, {text} AS text,
                       CASE WHEN {id} IS NULL OR {id} = '' THEN 'missing id'
                            WHEN regexp_matches({id}, '\s') THEN 'the id contains whitespace'
                            WHEN {text} IS NULL THEN 'missing text'
                            WHEN trim({text}, ' \t\n\r') = '' THEN 'empty text' END AS problem
                FROM {source}
                """);
            using (var problems = connection.Query("SELECT line, problem FROM docs WHERE problem IS NOT NULL ORDER BY line"))
            {
                while (problems.FetchChunk() is { } chunk)
                {
                    using (chunk)
                    {
                        for (var row = 0; row < chunk.RowCount; row++)
                        {
                            var line = chunk.GetVector(0).GetInt64(row);
                            var reason = chunk.GetVector(1).GetString(row);
                            if (!Skip)
                            {
                                throw new InputFormatException(corpusPath, line, reason);
                            }
                            _badCount++;
                            AddBad(_readProblems, line, reason);
                        }
                    }
                }
            }
            connection.Execute("DELETE FROM docs WHERE problem IS NOT NULL; ALTER TABLE docs DROP COLUMN problem");
            if (connection.Scalar("SELECT count(*) FROM docs") is 0L && _badCount == 0)
            {
                throw new InputFormatException(corpusPath, 0, "no documents (the Parquet file has no rows)");
            }
        }

        private void CheckDuplicates(DuckDbConnection connection)
        {
            const string Duplicated = "SELECT doc_id FROM docs GROUP BY doc_id HAVING count(*) > 1";
            if (!Skip)
            {
                using var first = connection.Query($"""
                    SELECT doc_id, min(line), (list(line ORDER BY seq))[2] AS second FROM docs
                    WHERE doc_id IN ({Duplicated}) GROUP BY doc_id ORDER BY second LIMIT 1
                    """);
                using var chunk = first.FetchChunk();
                if (chunk is { RowCount: > 0 })
                {
                    var id = chunk.GetVector(0).GetString(0);
                    throw new InputFormatException(corpusPath, chunk.GetVector(2).GetInt64(0),
                        $"duplicate doc id '{id}' (first at line {chunk.GetVector(1).GetInt64(0)})");
                }
                return;
            }
            connection.Execute($"""
                CREATE TEMP TABLE dups AS
                SELECT seq, line, doc_id, first_line FROM (
                  SELECT seq, line, doc_id, min(line) OVER (PARTITION BY doc_id) AS first_line,
                         row_number() OVER (PARTITION BY doc_id ORDER BY seq) AS k
                  FROM docs WHERE doc_id IN ({Duplicated}))
                WHERE k > 1
                """);
            using (var dups = connection.Query($"SELECT line, doc_id, first_line FROM dups ORDER BY line LIMIT {options.MaxReportedBadRecords}"))
            {
                while (dups.FetchChunk() is { } chunk)
                {
                    using (chunk)
                    {
                        for (var row = 0; row < chunk.RowCount; row++)
                        {
                            AddBad(_duplicateProblems, chunk.GetVector(0).GetInt64(row),
                                $"duplicate doc id '{chunk.GetVector(1).GetString(row)}' (first at line {chunk.GetVector(2).GetInt64(row)})");
                        }
                    }
                }
            }
            _duplicateCount = (long)connection.Scalar("SELECT count(*) FROM dups")!;
            if (_duplicateCount > 0)
            {
                connection.Execute("DELETE FROM docs WHERE seq IN (SELECT seq FROM dups)");
            }
            connection.Execute("DROP TABLE dups");
        }

        private List<ShardFile> WriteShards(DuckDbDatabase db, DuckDbConnection connection)
        {
            var total = (long)connection.Scalar("SELECT count(*) FROM docs")!;
            if (total == 0)
            {
                throw new InputFormatException(corpusPath, 0, $"no documents left to shard ({_badCount + _duplicateCount} bad records skipped)");
            }
            // Consecutive runs in input order: n documents each (the last takes the rest), or a fixed count's sizes.
            var perShard = options.ShardDocs ?? ShardOptions.DefaultShardDocs;
            var sizes = options.Shards is { } count ? ShardSizes(total, count) : null;
            // One DuckDB thread from here on: the scan then yields the rows in storage (input) order, and each writer
            // compresses with one thread, as on the fast path.
            connection.Execute("SET threads = 1");
            using var reader = db.Connect();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            string? failure;
            List<ShardFile> shards;
            long rows;
            try
            {
                failure = WriteFromStream(db, reader, "SELECT doc_id, title, text FROM docs", static _ => true,
                    // The last of a fixed count takes whatever is left (exactly its size, unless the count check below fails).
                    k => sizes is null ? perShard : k < sizes.Length - 1 ? sizes[k] : long.MaxValue, sizes?.Length, stop, out shards, out rows);
            }
            catch (DuckDbException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("sharding was cancelled", e, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (failure is not null)
            {
                throw new InvalidOperationException($"writing the shards from the work database failed: {failure}");
            }
            if (rows != total)
            {
                throw new InvalidOperationException($"the work database gave {rows} documents, it holds {total}");
            }
            return shards;
        }
    }
}
