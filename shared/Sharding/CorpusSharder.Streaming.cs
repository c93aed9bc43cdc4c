using System.Globalization;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;

namespace Pipeline.Sharding;

public static partial class CorpusSharder
{
    private sealed partial class Run
    {
        private const string BufferTable = "buf";

        private readonly List<ShardFile> _shards = [];
        private readonly IdHashSet _ids = new();
        private readonly Dictionary<string, long> _colliders = new(StringComparer.Ordinal);
        private readonly List<Candidate> _candidates = [];
        private readonly List<long> _bufferLines = [];
        private DuckDbAppender? _appender;
        private long[]? _shardSizes;
        private long _seq;
        private long _bufferBaseSeq;
        private long _bufferRows;
        private long _writtenDocs;

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
            using var registration = cancellationToken.Register(connection.Interrupt);
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
                    progress?.Report(new ShardProgress("read", read, _shards.Count));
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
                if (!_ids.TryAdd(idHash(document.DocId), line, out var holderLine))
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
            progress?.Report(new ShardProgress("read", read, _shards.Count));
            ConfirmCandidates(connection);
            if (_shardSizes is not null)
            {
                while (_shards.Count < _shardSizes.Length)
                {
                    WriteShard(connection);
                }
            }
            else if (_bufferRows > 0)
            {
                WriteShard(connection);
            }
            _appender!.Dispose();
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
            { } sizes when _shards.Count < sizes.Length - 1 => sizes[_shards.Count],
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

        /// <summary>Copies the buffer to the next shard file and starts an empty buffer.</summary>
        private void WriteShard(DuckDbConnection connection)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _appender!.Close();
            _appender.Dispose();
            var name = ShardFileName(_shards.Count);
            var path = Path.Combine(staging, name);
            var written = connection.Execute(string.Create(CultureInfo.InvariantCulture, $"""
                COPY (SELECT doc_id, title, text FROM {BufferTable})
                TO {DuckDbSql.Literal(path)}
                (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL {options.CompressionLevel}, ROW_GROUP_SIZE {options.RowGroupSize})
                """));
            if (written != _bufferRows)
            {
                throw new InvalidOperationException($"{name}: DuckDB wrote {written} rows, expected {_bufferRows}");
            }
            var (sha, bytes) = Sha256File(path);
            _shards.Add(new ShardFile(name, written, bytes, sha));
            _writtenDocs += written;
            progress?.Report(new ShardProgress("write", _writtenDocs, _shards.Count));
            connection.Execute($"DROP TABLE {BufferTable}");
            OpenBuffer(connection);
            _bufferRows = 0;
            _bufferBaseSeq = _seq;
            _bufferLines.Clear();
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
                var deleted = connection.Execute(string.Create(CultureInfo.InvariantCulture,
                    $"DELETE FROM {BufferTable} WHERE seq IN ({string.Join(", ", duplicates)})"));
                _bufferRows -= deleted;
            }
            connection.Execute("DROP TABLE candidate_ids");
            _appender = connection.CreateAppender(BufferTable);
        }
    }
}
