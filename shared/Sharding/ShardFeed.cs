using Pipeline.DuckDb;

namespace Pipeline.Sharding;

/// <summary>
/// Cuts one stream of DuckDB chunks (the fast path's reading of a corpus, in input order) into shards for up to
/// several shard writers at once: a reading thread of its own fetches the chunks, passes each chunk's ids to the
/// duplicate filter, and queues the rows shard by shard; each writer's table function takes its shard's rows in chunks
/// of the vector size counted from the shard's start — the chunks a scan of the reader path's buffer table yields, so
/// the Parquet writer forms the same row groups and writes the same bytes.
/// </summary>
/// <remarks>
/// The reading runs ahead of the writers by at most the read-ahead given, in bytes of string data (more only for a
/// single chunk larger than that); a writer whose shard is not read yet waits. Writers take shards in order, so the
/// earliest shard still being read always has a writer, and the read-ahead always drains.
/// </remarks>
internal sealed class ShardFeed : IDisposable
{
    private readonly DuckDbResult _stream;
    private readonly Func<ReadOnlySpan<byte>, bool> _addId;
    private readonly Func<int, long> _shardRows;
    private readonly int? _shardCount;
    private readonly long _readAheadBytes;
    private readonly object _gate = new();
    private readonly List<ShardQueue> _shards = [];
    private readonly Thread _reading;
    private long _queuedBytes;
    private bool _ended;
    private bool _stopped;
    private string? _failure;

    /// <param name="stream">The chunks, <c>(doc_id, title, text)</c>; owned (disposed) by the feed.</param>
    /// <param name="addId">The duplicate filter: false when an id was (maybe) seen before, which stops the feed.</param>
    /// <param name="shardRows">Rows of shard k (<see cref="long.MaxValue"/> for an open-ended last shard).</param>
    /// <param name="shardCount">A fixed number of shards (some perhaps empty), or null: as many as the rows fill.</param>
    /// <param name="readAheadBytes">How far the reading may run ahead of the writers, in bytes of strings.</param>
    public ShardFeed(DuckDbResult stream, Func<ReadOnlySpan<byte>, bool> addId, Func<int, long> shardRows, int? shardCount,
        long readAheadBytes)
    {
        _stream = stream;
        _addId = addId;
        _shardRows = shardRows;
        _shardCount = shardCount;
        _readAheadBytes = readAheadBytes;
        _reading = new Thread(Read) { IsBackground = true, Name = "shard feed" };
        _reading.Start();
    }

    /// <summary>Why the feed stopped early (a DuckDB error, a duplicate id), or null.</summary>
    public string? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>Rows read so far (all of them once the writers are done).</summary>
    public long RowsRead { get; private set; }

    /// <summary>
    /// The rows of shard <paramref name="index"/>, waiting until the reading reaches it; null when there is no such
    /// shard (the stream ended before it). Throws when the feed failed or stopped.
    /// </summary>
    public ShardQueue? Shard(int index)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_failure is not null || _stopped)
                {
                    throw new InvalidOperationException(_failure ?? "the shard feed was stopped");
                }
                if (index < _shards.Count)
                {
                    return _shards[index];
                }
                if (_ended)
                {
                    return null;
                }
                Monitor.Wait(_gate);
            }
        }
    }

    private void Read()
    {
        var shard = -1;
        long left = 0;
        try
        {
            while (_stream.FetchChunk() is { } fetched)
            {
                var chunk = new SharedChunk(fetched, this);
                if (!CheckIds(fetched))
                {
                    fetched.Dispose();
                    Fail("a duplicate doc id (or two ids with the same 64-bit hash)");
                    return;
                }
                if (!WaitForRoom(chunk.Bytes))
                {
                    fetched.Dispose();
                    return;
                }
                var offset = 0;
                chunk.AddReference(); // the reading's own, released below
                while (offset < fetched.RowCount)
                {
                    while (left == 0)
                    {
                        if (shard >= 0)
                        {
                            Complete(shard);
                        }
                        shard++;
                        left = _shardRows(shard);
                        Open(shard);
                    }
                    var take = (int)Math.Min(fetched.RowCount - offset, left);
                    chunk.AddReference();
                    _shards[shard].Add(new Segment(chunk, offset, take));
                    offset += take;
                    left -= take;
                }
                RowsRead += fetched.RowCount;
                chunk.Release();
            }
            lock (_gate)
            {
                if (shard >= 0)
                {
                    _shards[shard].Complete();
                }
                // A fixed number of shards gets them all, the ones left empty included.
                while (_shardCount is { } count && _shards.Count < count)
                {
                    var empty = new ShardQueue(this);
                    empty.Complete();
                    _shards.Add(empty);
                }
                _ended = true;
                Monitor.PulseAll(_gate);
            }
        }
        catch (DuckDbException e) when (e.ErrorType == DuckDbErrorType.Interrupt)
        {
            Stop(); // interrupted because the run stops for a reason found elsewhere
        }
        catch (DuckDbException e)
        {
            Fail($"DuckDB: {e.Message.Split('\n')[0]}");
        }
        catch (InvalidOperationException e)
        {
            Fail($"DuckDB's result: {e.Message}"); // a value of another shape than the query promises
        }
    }

    private bool CheckIds(DuckDbDataChunk chunk)
    {
        var ids = chunk.GetVector(0);
        for (var row = 0; row < chunk.RowCount; row++)
        {
            if (!_addId(ids.GetUtf8(row)))
            {
                return false;
            }
        }
        return true;
    }

    private void Open(int shard)
    {
        lock (_gate)
        {
            _shards.Add(new ShardQueue(this));
            Monitor.PulseAll(_gate);
        }
    }

    private void Complete(int shard)
    {
        lock (_gate)
        {
            _shards[shard].Complete();
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> more fit in the read-ahead (or nothing is queued); false when stopped.</summary>
    private bool WaitForRoom(long bytes)
    {
        lock (_gate)
        {
            while (!_stopped && _queuedBytes > 0 && _queuedBytes + bytes > _readAheadBytes)
            {
                Monitor.Wait(_gate);
            }
            if (_stopped)
            {
                return false;
            }
            _queuedBytes += bytes;
            return true;
        }
    }

    private void Released(long bytes)
    {
        lock (_gate)
        {
            _queuedBytes -= bytes;
            Monitor.PulseAll(_gate);
        }
    }

    private void Fail(string why)
    {
        lock (_gate)
        {
            _failure ??= why;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops the reading and the writers' table functions (they throw); the reason lies elsewhere.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops the reading (interrupt the stream's connection first to cut a long fetch short) and frees every chunk.</summary>
    public void Dispose()
    {
        Stop();
        _reading.Join();
        foreach (var queue in _shards)
        {
            queue.Drain();
        }
        _stream.Dispose();
    }

    /// <summary>A fetched chunk shared by the segments that take rows from it; freed when the last lets go.</summary>
    internal sealed class SharedChunk
    {
        private readonly ShardFeed _feed;
        private int _references;

        public SharedChunk(DuckDbDataChunk chunk, ShardFeed feed)
        {
            Chunk = chunk;
            _feed = feed;
            Bytes = StringBytes(chunk);
        }

        public DuckDbDataChunk Chunk { get; }

        public long Bytes { get; }

        public void AddReference() => Interlocked.Increment(ref _references);

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Chunk.Dispose();
                _feed.Released(Bytes);
            }
        }

        private static long StringBytes(DuckDbDataChunk chunk)
        {
            long bytes = 0;
            for (var column = 0; column < chunk.ColumnCount; column++)
            {
                var vector = chunk.GetVector(column);
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    bytes += 16 + (vector.IsNull(row) ? 0 : vector.GetUtf8(row).Length);
                }
            }
            return bytes;
        }
    }

    /// <summary>Rows <c>Start</c> to <c>Start + Count - 1</c> of a shared chunk.</summary>
    internal readonly record struct Segment(SharedChunk Chunk, int Start, int Count);

    /// <summary>
    /// One shard's rows as the reading queues them; its writer's table function (<see cref="Fill"/>) hands them out in
    /// whole chunks of the vector size from the shard's start.
    /// </summary>
    internal sealed class ShardQueue(ShardFeed feed)
    {
        private readonly Queue<Segment> _segments = new();
        private bool _complete;
        private Segment? _current;
        private int _offset;

        /// <summary>Rows handed out so far.</summary>
        public long Delivered { get; private set; }

        internal void Add(Segment segment)
        {
            lock (feed._gate)
            {
                _segments.Enqueue(segment);
                Monitor.PulseAll(feed._gate);
            }
        }

        internal void Complete()
        {
            _complete = true; // under the feed's lock
            Monitor.PulseAll(feed._gate);
        }

        /// <summary>The table function: the shard's next rows, up to the chunk's capacity; 0 at the shard's end.</summary>
        public int Fill(DuckDbOutputChunk output)
        {
            var written = 0;
            while (written < output.Capacity)
            {
                if (_current is not { } segment || _offset == segment.Count)
                {
                    if (_current is { } done)
                    {
                        done.Chunk.Release();
                        _current = null;
                    }
                    if (!TryTake(out var next))
                    {
                        break;
                    }
                    _current = segment = next;
                    _offset = 0;
                }
                var take = Math.Min(output.Capacity - written, segment.Count - _offset);
                output.CopyRows(segment.Chunk.Chunk, segment.Start + _offset, take, written);
                _offset += take;
                written += take;
            }
            Delivered += written;
            return written;
        }

        private bool TryTake(out Segment segment)
        {
            lock (feed._gate)
            {
                while (true)
                {
                    if (feed._failure is { } failure)
                    {
                        throw new InvalidOperationException(failure);
                    }
                    if (feed._stopped)
                    {
                        throw new InvalidOperationException("the shard feed was stopped");
                    }
                    if (_segments.TryDequeue(out segment))
                    {
                        return true;
                    }
                    if (_complete)
                    {
                        return false;
                    }
                    Monitor.Wait(feed._gate);
                }
            }
        }

        internal void Drain()
        {
            if (_current is { } current)
            {
                current.Chunk.Release();
                _current = null;
            }
            lock (feed._gate)
            {
                while (_segments.TryDequeue(out var segment))
                {
                    segment.Chunk.Release();
                }
            }
        }
    }
}
