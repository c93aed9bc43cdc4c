using Pipeline.DuckDb;

namespace Pipeline.Sharding;

/// <summary>
/// Cuts one stream of DuckDB chunks (the fast path's reading of a corpus, in input order) into shards for up to
/// several shard writers at once: a reading thread of its own fetches the chunks, passes each chunk's ids to the
/// duplicate filter, and copies the rows into chunks of the vector size counted from each shard's start — the chunks a
/// scan of the reader path's buffer table yields, so the Parquet writer forms the same row groups and writes the same
/// bytes. Each writer's table function hands those chunks to DuckDB by reference, so the copy is the reading thread's
/// work, not the writers'.
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
        DuckDbDataChunk? building = null;
        var types = _stream.Columns.Select(c => c.Type).ToArray();
        try
        {
            while (_stream.FetchChunk() is { } fetched)
            {
                using (fetched)
                {
                    if (!CheckIds(fetched))
                    {
                        Fail("a duplicate doc id (or two ids with the same 64-bit hash)");
                        return;
                    }
                    var offset = 0;
                    while (offset < fetched.RowCount)
                    {
                        while (left == 0)
                        {
                            if (shard >= 0 && !Complete(shard, ref building))
                            {
                                return;
                            }
                            shard++;
                            left = _shardRows(shard);
                            Open(shard);
                        }
                        building ??= DuckDbDataChunk.Create(types);
                        var take = (int)Math.Min(Math.Min(fetched.RowCount - offset, left), DuckDbDataChunk.Capacity - building.RowCount);
                        building.AppendRows(fetched, offset, take);
                        offset += take;
                        left -= take;
                        if (building.RowCount == DuckDbDataChunk.Capacity && !Queue(shard, ref building))
                        {
                            return;
                        }
                    }
                    RowsRead += fetched.RowCount;
                }
            }
            if (shard >= 0 && !Complete(shard, ref building))
            {
                return;
            }
            lock (_gate)
            {
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
        finally
        {
            building?.Dispose();
        }
    }

    /// <summary>Queues the chunk being built for <paramref name="shard"/> once there is room; false when stopped.</summary>
    private bool Queue(int shard, ref DuckDbDataChunk? building)
    {
        var chunk = building!;
        building = null;
        var bytes = StringBytes(chunk);
        if (!WaitForRoom(bytes))
        {
            chunk.Dispose();
            return false;
        }
        _shards[shard].Add(chunk, bytes);
        return true;
    }

    /// <summary>Queues the last, partial chunk of <paramref name="shard"/> (if any) and marks the shard complete; false when stopped.</summary>
    private bool Complete(int shard, ref DuckDbDataChunk? building)
    {
        if (building is { RowCount: > 0 } && !Queue(shard, ref building))
        {
            return false;
        }
        lock (_gate)
        {
            _shards[shard].Complete();
        }
        return true;
    }

    /// <summary>The read-ahead a chunk takes: 16 bytes per value plus the strings' bytes.</summary>
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

    /// <summary>
    /// One shard's rows as the reading queues them, in chunks of the vector size from the shard's start (the last one
    /// partial); its writer's table function (<see cref="Fill"/>) hands them to DuckDB one per call.
    /// </summary>
    internal sealed class ShardQueue(ShardFeed feed)
    {
        private readonly Queue<(DuckDbDataChunk Chunk, long Bytes)> _chunks = new();
        private bool _complete;

        /// <summary>Rows handed out so far.</summary>
        public long Delivered { get; private set; }

        internal void Add(DuckDbDataChunk chunk, long bytes)
        {
            lock (feed._gate)
            {
                _chunks.Enqueue((chunk, bytes));
                Monitor.PulseAll(feed._gate);
            }
        }

        internal void Complete()
        {
            _complete = true; // under the feed's lock
            Monitor.PulseAll(feed._gate);
        }

        /// <summary>The table function: the shard's next chunk, by reference; 0 at the shard's end.</summary>
        public int Fill(DuckDbOutputChunk output)
        {
            if (!TryTake(out var next))
            {
                return 0;
            }
            using (next.Chunk)
            {
                var rows = output.Reference(next.Chunk);
                Delivered += rows;
                feed.Released(next.Bytes);
                return rows;
            }
        }

        private bool TryTake(out (DuckDbDataChunk Chunk, long Bytes) next)
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
                    if (_chunks.TryDequeue(out next))
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
            lock (feed._gate)
            {
                while (_chunks.TryDequeue(out var queued))
                {
                    queued.Chunk.Dispose();
                }
            }
        }
    }
}
