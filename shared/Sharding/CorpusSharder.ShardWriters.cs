using System.Runtime.ExceptionServices;
using Pipeline.DuckDb;

namespace Pipeline.Sharding;

public static partial class CorpusSharder
{
    private sealed partial class Run
    {
        /// <summary>Concurrent shard writers at most (each a DuckDB connection and a thread compressing its shard).</summary>
        private const int MaxWriters = 4;

        /// <summary>
        /// How far the reading may run ahead of the writers: 32 MiB for one writer (it only decouples parsing from
        /// compressing), 64 MiB per extra writer (measured on SciFact x193: as fast as a whole shard's worth, with 170 MB
        /// less peak memory), and never more than a quarter of <see cref="ShardOptions.MemoryLimit"/>, which bounds
        /// DuckDB's part of the run: memory stays bounded by the setting.
        /// </summary>
        private long ReadAheadBytes(int writers)
        {
            var wanted = writers == 1 ? 32L << 20 : (64L << 20) * (writers - 1);
            return ParseMemoryLimit(options.MemoryLimit) is { } limit ? Math.Max(Math.Min(wanted, limit / 4), 1L << 20) : wanted;
        }

        /// <summary>
        /// Streams the rows of <paramref name="query"/> (<c>doc_id, title, text</c>, in input order, on
        /// <paramref name="reader"/>) into shards through a <see cref="ShardFeed"/>: <see cref="ShardOptions.Threads"/>
        /// shards at a time (at most <see cref="MaxWriters"/>), each written by its own connection of
        /// <paramref name="db"/> from chunks of the vector size counted from the shard's start, so the bytes do not
        /// depend on the thread count or on how the query's chunks fall. Returns null with the shards and the rows read,
        /// or why it stopped (a feed or writer failure, <paramref name="stop"/> cancelled). DuckDB errors met before the
        /// feed starts are the caller's to handle; faults that are no reason to stop quietly (I/O writing a shard) are
        /// thrown.
        /// </summary>
        private string? WriteFromStream(DuckDbDatabase db, DuckDbConnection reader, string query, Func<ReadOnlySpan<byte>, bool> addId,
            Func<int, long> shardRows, int? shardCount, CancellationTokenSource stop, out List<ShardFile> shards, out long rows)
        {
            shards = [];
            rows = 0;
            // Parallel here means shards written side by side, each by one thread; DuckDB's own worker threads only
            // add overhead to this pipeline (measured: 10-15% more CPU and a longer run at 2 threads, bench/shard).
            var writerCount = Math.Clamp(options.Threads, 1, MaxWriters);
            var writers = new List<ShardWriter>();
            ShardFeed? feed = null;
            try
            {
                for (var w = 0; w < writerCount; w++)
                {
                    writers.Add(new ShardWriter(this, db.Connect(), w));
                }
                using var registration = stop.Token.Register(() =>
                {
                    reader.Interrupt();
                    foreach (var writer in writers)
                    {
                        writer.Connection.Interrupt();
                    }
                });
                feed = new ShardFeed(reader.QueryStreaming(query), addId, shardRows, shardCount, ReadAheadBytes(writerCount));
                var next = -1;
                var others = writers.Skip(1).Select(w => Task.Factory.StartNew(() => w.Run(feed, ref next, stop),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
                writers[0].Run(feed, ref next, stop);
                Task.WaitAll([.. others], CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                if (writers.Select(w => w.Error).FirstOrDefault(e => e is not null) is { } error)
                {
                    ExceptionDispatchInfo.Throw(error); // not a reason to fall back: a fault, reported as it is
                }
                if (stop.IsCancellationRequested || feed.Failure is not null)
                {
                    return feed.Failure ?? writers.Select(w => w.Failure).FirstOrDefault(f => f is not null) ?? "stopped";
                }
                var written = writers.SelectMany(w => w.Written).OrderBy(s => s.Index).ToList();
                if (written.Where((s, i) => s.Index != i).Any())
                {
                    throw new InvalidOperationException("the shard writers left a gap in the shard numbers");
                }
                shards = [.. written.Select(s => s.File.GetAwaiter().GetResult())];
                rows = feed.RowsRead;
                return null;
            }
            finally
            {
                // Interrupt first, so that no fetch or COPY keeps the disposal waiting.
                if (stop.IsCancellationRequested || feed?.Failure is not null)
                {
                    reader.Interrupt();
                }
                feed?.Dispose();
                foreach (var writer in writers)
                {
                    writer.Connection.Dispose();
                }
            }
        }

        /// <summary>A shard written from a feed, with its number; its file entry is ready once its checksum is.</summary>
        private readonly record struct NumberedShard(int Index, Task<ShardFile> File);

        /// <summary>
        /// One of the shard writers of <see cref="WriteFromStream"/>: its own connection and table function, through which its COPY pulls
        /// the rows of the shard it took from the feed; it takes the next shard number until there is none.
        /// </summary>
        private sealed class ShardWriter
        {
            private readonly Run _run;
            private readonly string _function;
            private ShardFeed.ShardQueue? _queue;

            public ShardWriter(Run run, DuckDbConnection connection, int number)
            {
                _run = run;
                Connection = connection;
                _function = $"pipeline_shard_rows_{number}";
                connection.RegisterTableFunction(_function,
                    [new("doc_id", DuckDbType.Varchar), new("title", DuckDbType.Varchar), new("text", DuckDbType.Varchar)],
                    output => _queue!.Fill(output));
            }

            public DuckDbConnection Connection { get; }

            public List<NumberedShard> Written { get; } = [];

            /// <summary>Why this writer stopped: a reason to fall back to the reader (DuckDB's error, the feed's failure).</summary>
            public string? Failure { get; private set; }

            /// <summary>A fault that is no reason to fall back (an I/O error writing the staging directory, say).</summary>
            public Exception? Error { get; private set; }

            public void Run(ShardFeed feed, ref int next, CancellationTokenSource stop)
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var index = Interlocked.Increment(ref next);
                        if (feed.Shard(index) is not { } queue)
                        {
                            return;
                        }
                        _queue = queue;
                        Written.Add(new NumberedShard(index, _run.CopyFromFeed(Connection, _function, index, queue)));
                    }
                }
                catch (DuckDbException e)
                {
                    // Interrupted because the run stops for a reason found elsewhere, or the reason itself.
                    if (!stop.IsCancellationRequested)
                    {
                        Failure = feed.Failure ?? $"DuckDB: {FirstLine(e.Message)}";
                    }
                    Stop(feed, stop);
                }
                catch (InvalidOperationException) when (feed.Failure is not null || stop.IsCancellationRequested)
                {
                    Failure = feed.Failure; // the feed failed or was stopped while this writer waited for rows
                    Stop(feed, stop);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    Error = e; // rethrown by the caller once every writer has stopped
                    Stop(feed, stop);
                }
            }

            /// <summary>Stops the other writers (their COPYs are interrupted) and the reading.</summary>
            private static void Stop(ShardFeed feed, CancellationTokenSource stop)
            {
                stop.Cancel();
                feed.Stop();
            }
        }

        private readonly Lock _progressLock = new();
        private long _documentsWritten;
        private int _shardsWritten;

        /// <summary>
        /// Writes shard <paramref name="index"/> from its queue through the writer's table function; the shard's
        /// SHA-256 is computed on the thread pool, so that the writer goes on with the next shard meanwhile.
        /// </summary>
        private Task<ShardFile> CopyFromFeed(DuckDbConnection connection, string function, int index, ShardFeed.ShardQueue queue)
        {
            var name = ShardFileName(index);
            var path = Path.Combine(staging, name);
            var written = connection.Execute(CopyToShard($"{function}()", path));
            if (written != queue.Delivered)
            {
                throw new InvalidOperationException($"{name}: DuckDB wrote {written} rows, the feed delivered {queue.Delivered}");
            }
            lock (_progressLock)
            {
                _documentsWritten += written;
                _shardsWritten++;
                progress?.Report(new ShardProgress("write", _documentsWritten, _shardsWritten));
            }
            return Task.Run(() =>
            {
                var (sha, bytes) = Sha256File(path);
                return new ShardFile(name, written, bytes, sha);
            }, CancellationToken.None);
        }

    }
}
