using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.DuckDb;
using Pipeline.Formats.Text;

namespace Pipeline.Sharding;

public static partial class CorpusSharder
{
    /// <summary>
    /// An RE2 character class of every character <see cref="char.IsWhiteSpace(char)"/> calls whitespace (all are in the
    /// BMP), so that SQL applies the reader's id and empty-text rules to the letter.
    /// </summary>
    private static readonly string WhitespaceClass = BuildWhitespaceClass();

    private static string BuildWhitespaceClass()
    {
        var builder = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsWhiteSpace((char)c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{{{c:X}}}");
            }
        }
        return builder.ToString();
    }

    private static string FirstLine(string message) => message.Split('\n')[0];

    /// <summary>DuckDB's memory-limit notation (<c>1GB</c>, <c>512 MiB</c>, <c>80%</c>) in bytes; null when not understood.</summary>
    internal static long? ParseMemoryLimit(string text)
    {
        var trimmed = text.Trim();
        var split = trimmed.Length;
        while (split > 0 && !char.IsAsciiDigit(trimmed[split - 1]) && trimmed[split - 1] != '.')
        {
            split--;
        }
        if (!double.TryParse(trimmed.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }
        double? unit = trimmed[split..].Trim().ToUpperInvariant() switch
        {
            "" or "B" or "BYTES" => 1,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            "%" => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 100.0,
            _ => null,
        };
        return unit is { } scale ? (long)(number * scale) : null;
    }

    /// <summary>Characters that make DuckDB read a path as a glob pattern.</summary>
    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[");

    private sealed partial class Run
    {
        /// <summary>
        /// The fast path for JSON lines: DuckDB parses the file (<c>read_json</c>) and applies the reader's record
        /// rules in SQL; its result streams through <see cref="ShardFeed"/> and a table function into the same
        /// <c>COPY</c> statement as the reader's path, in the same chunks, so the shards are the same bytes; at
        /// <see cref="ShardOptions.Threads"/> &gt; 1 several shards are written side by side. Meanwhile
        /// <see cref="JsonLineScreen"/> reads the file once more (checksumming it in the same read) for anything DuckDB
        /// would read differently, and the ids go through the duplicate filter.
        /// </summary>
        /// <returns>
        /// The result, or <c>null</c> when the run must be left to the reader: a line the screen flags, any DuckDB error
        /// (a malformed line, a bad record), a duplicate id (or a hash collision), a count that does not match, no
        /// document. The staging directory then holds partial output, which the caller discards.
        /// </returns>
        public ShardResult? TryDuckDbJsonLines(out string? declined, out Task<(string Sha256, long Bytes)>? sourceHash)
        {
            sourceHash = null;
            var path = Path.GetFullPath(corpusPath);
            if (path.AsSpan().ContainsAny(GlobCharacters))
            {
                declined = "the path holds a glob character (*, ? or [), which DuckDB would expand";
                return null;
            }
            var gzip = StartsWithGzipMagic(path);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var screen = new JsonLineScreen(IdField, options.TextField, options.TitleField);
            var screening = Task.Run(() => ScreenCorpus(screen, gzip, stop), CancellationToken.None);
            // For gzip the screen reads the decompressed content, so the file is checksummed separately.
            var hashing = gzip ? Task.Run(() => Sha256File(corpusPath), CancellationToken.None) : null;
            try
            {
                declined = ReadWithDuckDb(path, gzip, screening, stop);
                if (declined is not null)
                {
                    return null;
                }
                var (outcome, plainHash) = screening.GetAwaiter().GetResult();
                declined = outcome.Problem is { } problem ? $"{corpusPath}: {problem}"
                    : outcome.Documents != _seq ? $"DuckDB read {_seq} records where the screen counted {outcome.Documents} documents"
                    : _seq == 0 ? "no documents"
                    : null;
                if (declined is not null)
                {
                    return null;
                }
                var source = hashing?.GetAwaiter().GetResult() ?? plainHash!.Value;
                return BuildResult(_shards, source) with { Parser = ShardParser.DuckDb };
            }
            finally
            {
                stop.Cancel();
                try
                {
                    screening.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Cancelled, or failed with an I/O error that the reader's run meets again and reports.
                }
                if (screening.IsCompletedSuccessfully && screening.Result.Source is { } screened)
                {
                    sourceHash = Task.FromResult(screened);
                }
                else if (hashing is not null)
                {
                    hashing.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed; the reader's run checks again
                    sourceHash = hashing;
                }
            }
        }

        private static bool StartsWithGzipMagic(string path)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> magic = stackalloc byte[2];
            return file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        }

        /// <summary>The screen's outcome and, for a plain file screened to its end, the file's checksum.</summary>
        private (JsonLineScreen.Outcome Outcome, (string Sha256, long Bytes)? Source) ScreenCorpus(JsonLineScreen screen, bool gzip,
            CancellationTokenSource stop)
        {
            (JsonLineScreen.Outcome, (string, long)?) outcome;
            if (gzip)
            {
                // InputFile's base stream is the reader's own: decompressed, and checked against the gzip trailer at
                // its end (DuckDB checks neither the CRC nor the length, so a damaged file must fall back here).
                using var text = InputFile.OpenText(corpusPath);
                try
                {
                    outcome = (screen.Screen(text.BaseStream, null, stop.Token), null);
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    outcome = (new JsonLineScreen.Outcome(0, 0, $"damaged gzip data ({e.Message})"), null);
                }
            }
            else
            {
                using var file = new FileStream(corpusPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var screened = screen.Screen(file, hash, stop.Token);
                outcome = (screened, screened.Problem is null ? (Convert.ToHexStringLower(hash.GetHashAndReset()), screened.Bytes) : null);
            }
            if (outcome.Item1.Problem is not null)
            {
                stop.Cancel(); // interrupts DuckDB: the run goes to the reader
            }
            return outcome;
        }

        /// <summary>
        /// Streams DuckDB's reading of the corpus into shards, <see cref="ShardOptions.Threads"/> shards at a time (at
        /// most <see cref="MaxWriters"/>), with one DuckDB thread each; the reason to fall back, or null.
        /// </summary>
        private string? ReadWithDuckDb(string path, bool gzip, Task<(JsonLineScreen.Outcome Outcome, (string, long)? Source)> screening,
            CancellationTokenSource stop)
        {
            long[]? sizes = null;
            if (options.Shards is { } count)
            {
                // The shard sizes need the document count first: the screen's, before DuckDB starts.
                var (outcome, _) = screening.GetAwaiter().GetResult();
                if (outcome.Problem is not null)
                {
                    return $"{corpusPath}: {outcome.Problem}";
                }
                if (outcome.Documents == 0)
                {
                    return "no documents";
                }
                sizes = ShardSizes(outcome.Documents, count);
            }
            using var db = DuckDbDatabase.OpenInMemory(Settings with { Threads = 1 });
            using var reader = db.Connect();
            var shardDocs = options.ShardDocs ?? ShardOptions.DefaultShardDocs;
            try
            {
                var failure = WriteFromStream(db, reader, DuckDbJsonQuery(path, gzip), AddId,
                    // As the reader's path does, the last of a fixed number of shards takes whatever is left.
                    k => sizes is null ? shardDocs : k < sizes.Length - 1 ? sizes[k] : long.MaxValue,
                    sizes?.Length, stop, out var shards, out var rows);
                if (failure is not null)
                {
                    // The screen's finding when it stopped DuckDB (it cancels `stop` just before it returns), else the
                    // first failure met in the reading or a writer.
                    return ScreenProblem(screening) is { } problem ? $"{corpusPath}: {problem}" : failure;
                }
                _shards.AddRange(shards);
                _seq = rows;
                return null;
            }
            catch (DuckDbException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Met before the feed started: DuckDB runs a streaming query a little way at once.
                return ScreenProblem(screening) is { } problem ? $"{corpusPath}: {problem}" : $"DuckDB: {FirstLine(e.Message)}";
            }
            catch (DuckDbException e)
            {
                throw new OperationCanceledException("sharding was cancelled", e, cancellationToken);
            }
        }

        /// <summary>The screen's finding, waiting for it; null when it found nothing or was stopped first.</summary>
        private static string? ScreenProblem(Task<(JsonLineScreen.Outcome Outcome, (string, long)? Source)> screening)
        {
            try
            {
                return screening.GetAwaiter().GetResult().Outcome.Problem;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        /// <summary>The duplicate filter over the ids' UTF-8 bytes; false on a hit (a duplicate, or two ids sharing a hash).</summary>
        private bool AddId(ReadOnlySpan<byte> id) =>
            _ids.TryAdd(idHash is null ? IdHashSet.HashUtf8(id) : idHash(Encoding.UTF8.GetString(id)), 0, out _);

        /// <summary>
        /// DuckDB's reading of the corpus as <c>(doc_id, title, text)</c>, with the reader's rules for the values: a bad
        /// record is an error that ends the query (and the fast path).
        /// </summary>
        private string DuckDbJsonQuery(string path, bool gzip)
        {
            var id = DuckDbSql.Identifier(IdField);
            var text = DuckDbSql.Identifier(options.TextField);
            var columns = new List<string> { IdField, options.TextField };
            if (options.TitleField is { } titleField)
            {
                columns.Add(titleField);
            }
            var title = options.TitleField is null ? "''" : $"coalesce({DuckDbSql.Identifier(options.TitleField)}, '')";
            var map = string.Join(", ", columns.Select(c => $"{DuckDbSql.Literal(c)}: 'VARCHAR'"));
            return $$"""
                SELECT CASE WHEN {{id}} IS NULL THEN error('missing id')
                            WHEN {{id}} = '' OR regexp_matches({{id}}, '[{{WhitespaceClass}}]') THEN error('empty id or whitespace in the id')
                            WHEN {{text}} IS NULL THEN error('missing text')
                            WHEN NOT regexp_matches({{text}}, '[^{{WhitespaceClass}}]') THEN error('empty text')
                            ELSE {{id}} END AS doc_id,
                       {{title}} AS title,
                       {{text}} AS text
                FROM read_json({{DuckDbSql.Literal(path)}}, format = 'newline_delimited', records = true,
                               compression = '{{(gzip ? "gzip" : "uncompressed")}}', columns = {{{map}}})
                """;
        }
    }
}
