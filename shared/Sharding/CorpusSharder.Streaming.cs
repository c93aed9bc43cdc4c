using System.Globalization;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;

namespace Pipeline.Sharding;

public static partial class CorpusSharder
{
    private sealed partial class Run
    {

        private readonly List<ShardFile> _shards = [];
        private readonly IdHashSet _ids = new();
        private readonly Dictionary<string, long> _colliders = new(StringComparer.Ordinal);
        private readonly List<Candidate> _candidates = [];
        private readonly List<long> _bufferLines = [];
        private DuckDbAppender? _appender;
        private DuckDbConnection? _writer;
        private Task<ShardFile>? _pending;
        private int _shardsStarted;
        private long[]? _shardSizes;
        private long _seq;
        private long _bufferBaseSeq;
        private long _bufferRows;
        private long _writtenDocs;

        /// <summary>The buffer table being filled; two alternate, so one fills while the other is written.</summary>
        private string BufferTable => (_shardsStarted % 2) == 0 ? "buf0" : "buf1";

        /// <summary>A document whose id hash was seen before: a duplicate, or a new id that shares a hash.</summary>
        private readonly record struct Candidate(long Seq, long Line, string DocId, long HolderLine);

        /// <summary>
        /// JSON lines and TSV, in one streaming pass: each document is validated, its id hash checked, and appended to
        /// an in-memory buffer table that is copied to the next shard file as soon as it holds a shard's documents.
        /// </summary>
        private List<ShardFile> StreamLines()
        {
            if (options.Shards is { } count)
            {
                _shardSizes = ShardSizes(CountDocuments(), count);
            }
            using var db = DuckDbDatabase.OpenInMemory(Settings);
            using var connection = db.Connect();
            using var writer = db.Connect();
            _writer = writer;
            using var registration = cancellationToken.Register(() => { connection.Interrupt(); writer.Interrupt(); });
            try
            {
                return StreamLines(connection);
            }
            catch
            {
                writer.Interrupt();
                throw;
            }
            finally
            {
                // Never leave a shard being written into a staging directory that is about to be deleted.
                if (_pending is not null)
                {
                    try
                    {
                        _pending.Wait(CancellationToken.None);
                    }
                    catch (AggregateException)
                    {
                        // Reported already, or superseded by the error in flight.
                    }
                }
                _appender?.Dispose();
            }
        }

        private List<ShardFile> StreamLines(DuckDbConnection connection)
        {
            OpenBuffer(connection);
            var readerOptions = ReaderOptions(Skip ? e => { _badCount++; AddBad(_readProblems, e.LineNumber, e.Reason); } : null);
            using var documents = CorpusReader.ReadWithLineNumbers(corpusPath, readerOptions).GetEnumerator();
            long read = 0;
            WriteFullShards(connection);
            while (true)
            {
                bool more;
                try
                {
                    more = documents.MoveNext();
                }
                catch (InputFormatException) when (!Skip && _candidates.Count > 0)
                {
                    ConfirmCandidates(connection); // a duplicate before the bad line is the first error
                    throw;
                }
                if (!more)
                {
                    break;
                }
                var (line, document) = documents.Current;
                if (++read % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ShardProgress("read", read, _shardsStarted));
                }
                if (string.IsNullOrWhiteSpace(document.Text))
                {
                    if (!Skip)
                    {
                        ConfirmCandidates(connection);
                        throw new InputFormatException(corpusPath, line, "empty text");
                    }
                    _badCount++;
                    AddBad(_readProblems, line, "empty text");
                    continue;
                }
                if (!_ids.TryAdd((idHash ?? IdHashSet.Hash)(document.DocId), line, out var holderLine))
                {
                    _candidates.Add(new Candidate(_seq, line, document.DocId, holderLine));
                }
                _appender!.Append(_seq).Append(document.DocId).Append(document.Title).Append(document.Text);
                _appender.EndRow();
                _bufferLines.Add(line);
                _seq++;
                _bufferRows++;
                WriteFullShards(connection);
            }
            progress?.Report(new ShardProgress("read", read, _shardsStarted));
            ConfirmCandidates(connection);
            if (_shardSizes is not null)
            {
                while (_shardsStarted < _shardSizes.Length)
                {
                    WriteShard(connection);
                }
            }
            else if (_bufferRows > 0)
            {
                WriteShard(connection);
            }
            FinishPendingShard();
            if (_writtenDocs == 0)
            {
                throw new InputFormatException(corpusPath, 0, $"no documents left to shard ({_badCount + _duplicateCount} bad records skipped)");
            }
            return _shards;
        }

        private CorpusReaderOptions ReaderOptions(Action<InputFormatException>? onBad) => new()
        {
            Format = format == ShardInputFormat.Jsonl ? CorpusFormat.Jsonl : CorpusFormat.Tsv,
            IdField = IdField,
            TextField = options.TextField,
            TitleField = options.TitleField,
            OnBadRecord = onBad,
        };

        /// <summary>For <see cref="ShardOptions.Shards"/>: a first pass counting the documents that read well.</summary>
        private long CountDocuments()
        {
            progress?.Report(new ShardProgress("count", 0, 0));
            long count = 0;
            foreach (var document in CorpusReader.Read(corpusPath, ReaderOptions(static _ => { })))
            {
                if (!string.IsNullOrWhiteSpace(document.Text))
                {
                    count++;
                }
                if (count % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            return count;
        }

        /// <summary>Near-equal consecutive runs: shard k starts at document k·total/shards.</summary>
        private static long[] ShardSizes(long total, int shards)
        {
            var sizes = new long[shards];
            for (var k = 0; k < shards; k++)
            {
                sizes[k] = (long)((Int128)(k + 1) * total / shards - (Int128)k * total / shards);
            }
            return sizes;
        }

        /// <summary>The documents the shard being filled takes (the last of a fixed count takes whatever is left).</summary>
        private long CurrentShardTarget => _shardSizes switch
        {
            null => options.ShardDocs ?? ShardOptions.DefaultShardDocs,
            { } sizes when _shardsStarted < sizes.Length - 1 => sizes[_shardsStarted],
            _ => long.MaxValue,
        };

        private void WriteFullShards(DuckDbConnection connection)
        {
            while (_bufferRows >= CurrentShardTarget)
            {
                if (_candidates.Count > 0)
                {
                    ConfirmCandidates(connection);
                    if (_bufferRows < CurrentShardTarget)
                    {
                        return; // duplicates left out: fill up with the next documents
                    }
                }
                WriteShard(connection);
            }
        }

        private void OpenBuffer(DuckDbConnection connection)
        {
            connection.Execute($"CREATE TABLE {BufferTable} (seq BIGINT, doc_id VARCHAR, title VARCHAR, text VARCHAR)");
            _appender = connection.CreateAppender(BufferTable);
        }

        /// <summary>
        /// Hands the full buffer to the writer connection, which copies it to the next shard file on a worker thread
        /// while this thread fills the other buffer (at most one shard is being written at a time).
        /// </summary>
        private void WriteShard(DuckDbConnection connection)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _appender!.Close();
            _appender.Dispose();
            _appender = null;
            FinishPendingShard();
            var table = BufferTable;
            var name = ShardFileName(_shardsStarted);
            var rows = _bufferRows;
            var writer = _writer!;
            _pending = Task.Run(() => CopyShard(writer, table, name, rows), CancellationToken.None);
            _shardsStarted++;
            OpenBuffer(connection);
            _bufferRows = 0;
            _bufferBaseSeq = _seq;
            _bufferLines.Clear();
        }

        private ShardFile CopyShard(DuckDbConnection writer, string table, string name, long rows)
        {
            var path = Path.Combine(staging, name);
            var written = writer.Execute(CopyToShard(table, path));
            if (written != rows)
            {
                throw new InvalidOperationException($"{name}: DuckDB wrote {written} rows, expected {rows}");
            }
            writer.Execute($"DROP TABLE {table}");
            var (sha, bytes) = Sha256File(path);
            return new ShardFile(name, written, bytes, sha);
        }

        /// <summary>
        /// The one statement that writes a shard, from a buffer table (the reader) or the fast path's table function:
        /// the same statement over the same rows in the same chunks gives the same bytes.
        /// </summary>
        private string CopyToShard(string source, string path) => string.Create(CultureInfo.InvariantCulture, $"""
            COPY (SELECT doc_id, title, text FROM {source})
            TO {DuckDbSql.Literal(path)}
            (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL {options.CompressionLevel}, ROW_GROUP_SIZE {options.RowGroupSize})
            """);

        /// <summary>Waits for the shard being written (its error surfaces here) and records it.</summary>
        private void FinishPendingShard()
        {
            if (_pending is null)
            {
                return;
            }
            var shard = _pending.GetAwaiter().GetResult();
            _pending = null;
            _shards.Add(shard);
            _writtenDocs += shard.Documents;
            progress?.Report(new ShardProgress("write", _writtenDocs, _shards.Count));
        }

        /// <summary>
        /// Settles the pending hash hits exactly: DuckDB looks their ids up in the shards written so far and in the
        /// buffer. A hit whose id occurs earlier is a duplicate (fail mode: the error; skip mode: deleted from the
        /// buffer, counted and reported); one whose id does not is a hash collision, a new id, and stays.
        /// </summary>
        private void ConfirmCandidates(DuckDbConnection connection)
        {
            if (_candidates.Count == 0)
            {
                return;
            }
            _appender!.Close();
            _appender.Dispose();
            _appender = null;
            FinishPendingShard(); // the lookup reads every shard written so far
            connection.Execute("CREATE OR REPLACE TEMP TABLE candidate_ids (doc_id VARCHAR)");
            using (var ids = connection.CreateAppender("candidate_ids"))
            {
                foreach (var id in _candidates.Select(c => c.DocId).Distinct(StringComparer.Ordinal))
                {
                    ids.Append(id);
                    ids.EndRow();
                }
                ids.Close();
            }
            var written = _shards.Count == 0
                ? ""
                : $"SELECT doc_id, -1::BIGINT AS seq FROM read_parquet([{string.Join(", ", _shards.Select(s => DuckDbSql.Literal(Path.Combine(staging, s.File))))}]) WHERE doc_id IN (SELECT doc_id FROM candidate_ids) UNION ALL ";
            var firstSeq = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var result = connection.Query($"""
                SELECT doc_id, min(seq) FROM (
                  {written}SELECT doc_id, seq FROM {BufferTable} WHERE doc_id IN (SELECT doc_id FROM candidate_ids))
                GROUP BY doc_id
                """))
            {
                while (result.FetchChunk() is { } chunk)
                {
                    using (chunk)
                    {
                        for (var row = 0; row < chunk.RowCount; row++)
                        {
                            firstSeq[chunk.GetVector(0).GetString(row)] = chunk.GetVector(1).GetInt64(row);
                        }
                    }
                }
            }
            var duplicates = new List<long>();
            foreach (var candidate in _candidates)
            {
                var first = firstSeq[candidate.DocId];
                if (first == candidate.Seq)
                {
                    _colliders.TryAdd(candidate.DocId, candidate.Line); // a new id that shares a hash
                    continue;
                }
                // The earlier occurrence: in the buffer (its line is kept), or in a written shard, where it is a
                // known collider or else the first document with this hash.
                var firstLine = first >= _bufferBaseSeq ? _bufferLines[(int)(first - _bufferBaseSeq)]
                    : _colliders.TryGetValue(candidate.DocId, out var line) ? line
                    : candidate.HolderLine;
                if (!Skip)
                {
                    throw new InputFormatException(corpusPath, candidate.Line, $"duplicate doc id '{candidate.DocId}' (first at line {firstLine})");
                }
                _duplicateCount++;
                AddBad(_duplicateProblems, candidate.Line, $"duplicate doc id '{candidate.DocId}' (first at line {firstLine})");
                duplicates.Add(candidate.Seq);
            }
            _candidates.Clear();
            if (duplicates.Count > 0)
            {
                // Rebuilt without them rather than deleted from: a scan of a table with deleted rows yields short
                // chunks at one thread, which would change the shard's row groups (and bytes) against the same
                // documents read without duplicates, or at more threads.
                var table = BufferTable;
                connection.Execute(string.Create(CultureInfo.InvariantCulture, $"""
                    CREATE TABLE {table}_kept AS SELECT * FROM {table} WHERE seq NOT IN ({string.Join(", ", duplicates)}) ORDER BY seq;
                    DROP TABLE {table};
                    ALTER TABLE {table}_kept RENAME TO {table}
                    """));
                _bufferRows = (long)connection.Scalar($"SELECT count(*) FROM {table}")!;
            }
            connection.Execute("DROP TABLE candidate_ids");
            _appender = connection.CreateAppender(BufferTable);
        }
    }
}
