using System.Collections.Concurrent;
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

    /// <summary>Characters that make DuckDB read a path as a glob pattern.</summary>
    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[");

    /// <summary>
    /// DuckDB's streaming reading of the corpus, handed to <c>COPY</c> shard by shard through a table function, in
    /// chunks of the vector size counted from each shard's start: the chunks a scan of the reader path's buffer table
    /// yields, so that the Parquet writer forms the same row groups and writes the same bytes. A thread of its own runs
    /// the reading (parsing and the SQL checks) ahead of the writing, a few chunks at most, and passes each chunk's ids
    /// through the duplicate filter.
    /// </summary>
    private sealed class ShardRows : IDisposable
    {
        /// <summary>Chunks read ahead of the writer: 8 × 2048 documents, a few tens of MB of text.</summary>
        private const int ReadAhead = 8;

        private readonly DuckDbResult _stream;
        private readonly Func<ReadOnlySpan<byte>, bool> _addId;
        private readonly BlockingCollection<DuckDbDataChunk> _queue = new(ReadAhead);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reading;
        private readonly List<DuckDbDataChunk> _retired = [];
        private DuckDbDataChunk? _current;
        private int _offset;
        private long _remaining;
        private volatile string? _failure;

        public ShardRows(DuckDbResult stream, Func<ReadOnlySpan<byte>, bool> addId)
        {
            _stream = stream;
            _addId = addId;
            _reading = Task.Factory.StartNew(Read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>Rows handed out since <see cref="StartShard"/>.</summary>
        public long Delivered { get; private set; }

        /// <summary>Why the reading stopped early (a DuckDB error, a duplicate id), when it did.</summary>
        public string? Failure => _failure;

        /// <summary>The next calls of the function hand out at most <paramref name="rows"/> rows, then end.</summary>
        public void StartShard(long rows)
        {
            _remaining = rows;
            Delivered = 0;
        }

        /// <summary>Whether another row follows (waits for the reading); throws when the reading failed.</summary>
        public bool HasMore() => EnsureCurrent();

        /// <summary>The table function: the next rows of the shard, up to the chunk's capacity.</summary>
        public int Fill(DuckDbOutputChunk output)
        {
            foreach (var chunk in _retired)
            {
                chunk.Dispose();
            }
            _retired.Clear();
            var written = 0;
            while (written < output.Capacity && _remaining > 0 && EnsureCurrent())
            {
                var take = (int)Math.Min(Math.Min(output.Capacity - written, _current!.RowCount - _offset), _remaining);
                output.CopyRows(_current, _offset, take, written);
                _offset += take;
                written += take;
                _remaining -= take;
                Delivered += take;
            }
            return written;
        }

        private bool EnsureCurrent()
        {
            while (_current is null || _offset == _current.RowCount)
            {
                if (_current is not null)
                {
                    _retired.Add(_current); // its rows may still be in the output chunk being filled
                    _current = null;
                }
                if (!_queue.TryTake(out var next, Timeout.Infinite))
                {
                    // The reading ended: at the end of the file, or early (the COPY then fails with the reason).
                    return _failure is { } failure ? throw new InvalidOperationException(failure) : false;
                }
                _current = next;
                _offset = 0;
            }
            return true;
        }

        private void Read()
        {
            try
            {
                while (_stream.FetchChunk() is { } chunk)
                {
                    var ids = chunk.GetVector(0);
                    for (var row = 0; row < chunk.RowCount; row++)
                    {
                        if (!_addId(ids.GetUtf8(row)))
                        {
                            chunk.Dispose();
                            _failure = "a duplicate doc id (or two ids with the same 64-bit hash)";
                            return;
                        }
                    }
                    try
                    {
                        _queue.Add(chunk, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        chunk.Dispose();
                        return;
                    }
                }
            }
            catch (DuckDbException e)
            {
                _failure ??= $"DuckDB: {FirstLine(e.Message)}";
            }
            catch (InvalidOperationException e)
            {
                _failure ??= $"DuckDB's result: {e.Message}"; // a value of another shape than the query promises
            }
            finally
            {
                _queue.CompleteAdding();
            }
        }

        /// <summary>Stops the reading (the caller interrupts its connection to cut a long fetch short) and frees every chunk.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            _reading.Wait(CancellationToken.None);
            while (_queue.TryTake(out var queued))
            {
                queued.Dispose();
            }
            foreach (var chunk in _retired)
            {
                chunk.Dispose();
            }
            _retired.Clear();
            _current?.Dispose();
            _current = null;
            _stream.Dispose();
            _queue.Dispose();
            _stop.Dispose();
        }
    }

    private sealed partial class Run
    {
        /// <summary>
        /// The fast path for JSON lines: DuckDB parses the file (<c>read_json</c>, in parallel at
        /// <see cref="ShardOptions.Threads"/> &gt; 1) and applies the reader's record rules in SQL; its result streams
        /// chunk by chunk into the same buffer tables and <c>COPY</c>s as the reader's path, so the shards are the same
        /// bytes. Meanwhile <see cref="JsonLineScreen"/> reads the file once more (checksumming it in the same read)
        /// for anything DuckDB would read differently, and the ids go through the duplicate filter.
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

        /// <summary>The table function through which <c>COPY</c> pulls a shard's rows from DuckDB's reading of the corpus.</summary>
        private const string ShardRowsFunction = "pipeline_shard_rows";

        /// <summary>Streams DuckDB's reading of the corpus into shards; the reason to fall back, or null.</summary>
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
            using var db = DuckDbDatabase.OpenInMemory(Settings);
            using var reader = db.Connect();
            using var writer = db.Connect();
            using var registration = stop.Token.Register(() =>
            {
                reader.Interrupt();
                writer.Interrupt();
            });
            ShardRows? rows = null;
            var hashes = new List<Task<ShardFile>>();
            try
            {
                rows = new ShardRows(reader.QueryStreaming(DuckDbJsonQuery(path, gzip)), AddId);
                writer.RegisterTableFunction(ShardRowsFunction,
                    [new("doc_id", DuckDbType.Varchar), new("title", DuckDbType.Varchar), new("text", DuckDbType.Varchar)], rows.Fill);
                for (var k = 0; sizes is null ? rows.HasMore() : k < sizes.Length; k++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // As the reader's path does, the last of a fixed number of shards takes whatever is left.
                    var target = sizes is null ? options.ShardDocs ?? ShardOptions.DefaultShardDocs
                        : k < sizes.Length - 1 ? sizes[k] : long.MaxValue;
                    rows.StartShard(target);
                    var name = ShardFileName(k);
                    var shardPath = Path.Combine(staging, name);
                    var written = writer.Execute(CopyToShard($"{ShardRowsFunction}()", shardPath));
                    if (written != rows.Delivered)
                    {
                        throw new InvalidOperationException($"{name}: DuckDB wrote {written} rows, the stream delivered {rows.Delivered}");
                    }
                    _seq += written;
                    // Checksummed on a worker thread while the next shard is written.
                    hashes.Add(Task.Run(() =>
                    {
                        var (sha, bytes) = Sha256File(shardPath);
                        return new ShardFile(name, written, bytes, sha);
                    }, CancellationToken.None));
                    progress?.Report(new ShardProgress("write", _seq, k + 1));
                }
                if (rows.HasMore())
                {
                    return "DuckDB read more records than the screen counted";
                }
                _shards.AddRange(hashes.Select(h => h.GetAwaiter().GetResult()));
                return null;
            }
            catch (DuckDbException e) when (!cancellationToken.IsCancellationRequested)
            {
                // When the screen stopped DuckDB (it cancels `stop` just before it returns), its finding says more
                // than DuckDB's "interrupted"; a failure met inside the table function, more than COPY's report of it.
                if (stop.IsCancellationRequested && screening.GetAwaiter().GetResult().Outcome.Problem is { } problem)
                {
                    return $"{corpusPath}: {problem}";
                }
                return rows?.Failure ?? $"DuckDB: {FirstLine(e.Message)}";
            }
            catch (InvalidOperationException) when (rows?.Failure is { } failure)
            {
                return failure; // a duplicate id met while looking for the next shard's first row
            }
            catch (DuckDbException e)
            {
                throw new OperationCanceledException("sharding was cancelled", e, cancellationToken);
            }
            finally
            {
                rows?.Dispose();
                // Never leave a file being read in a staging directory that is about to be deleted.
                foreach (var hash in hashes)
                {
                    try
                    {
                        hash.Wait(CancellationToken.None);
                    }
                    catch (AggregateException)
                    {
                        // Only when the run is failing anyway: the reader's run meets an I/O error again and reports it.
                    }
                }
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
