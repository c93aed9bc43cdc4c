using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

/// <summary>Table functions whose rows .NET copies in from other queries' chunks.</summary>
public sealed class TableFunctionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly DuckDbColumn[] Columns = [new("n", DuckDbType.BigInt), new("s", DuckDbType.Varchar)];

    /// <summary>
    /// Hands out a query's rows in chunks of <paramref name="size"/>, however the query's chunks fall. The query is a
    /// materialized one: fetching a streaming result inside a fill is not reliable (see the last test).
    /// </summary>
    private sealed class Rechunker(int size) : IDisposable
    {
        private DuckDbResult? _source;

        public void Start(DuckDbResult source) => _source = source;

        private readonly List<DuckDbDataChunk> _done = [];
        private DuckDbDataChunk? _current;
        private int _offset;

        public int Calls { get; private set; }

        public int Fill(DuckDbOutputChunk output)
        {
            Calls++;
            var written = 0;
            while (written < Math.Min(size, output.Capacity))
            {
                if (_current is null || _offset == _current.RowCount)
                {
                    if (_current is not null)
                    {
                        _done.Add(_current);
                    }
                    _current = _source!.FetchChunk();
                    _offset = 0;
                    if (_current is null)
                    {
                        break;
                    }
                }
                var take = Math.Min(Math.Min(size, output.Capacity) - written, _current.RowCount - _offset);
                output.CopyRows(_current, _offset, take, written);
                _offset += take;
                written += take;
            }
            return written;
        }

        public void Dispose()
        {
            foreach (var chunk in _done)
            {
                chunk.Dispose();
            }
            _current?.Dispose();
            _source?.Dispose();
        }
    }

    private static List<(long, string?)> ReadAll(DuckDbConnection connection, string sql)
    {
        var rows = new List<(long, string?)>();
        using var result = connection.Query(sql);
        while (result.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    rows.Add((chunk.GetVector(0).GetInt64(row), chunk.GetVector(1).GetStringOrNull(row)));
                }
            }
        }
        return rows;
    }

    [DuckDbTheory]
    [InlineData(2048)]
    [InlineData(1000)]
    [InlineData(1)]
    public void A_table_function_hands_out_another_querys_rows_in_order_nulls_included(int chunkSize)
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var reader = db.Connect();
        using var connection = db.Connect();
        using var rows = new Rechunker(chunkSize);
        connection.RegisterTableFunction("numbers", Columns, rows.Fill);
        rows.Start(reader.Query(
            "SELECT range AS n, CASE WHEN range % 7 = 0 THEN NULL ELSE repeat('s', (range % 30)::INTEGER) || range END AS s FROM range(5000)"));

        var read = ReadAll(connection, "SELECT n, s FROM numbers()");

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => ((long)i, i % 7 == 0 ? null : new string('s', i % 30) + i)), read);
        Assert.Equal((5000 + chunkSize - 1) / chunkSize + 1, rows.Calls); // the last call returns 0
    }

    [DuckDbFact]
    public void A_copy_from_a_table_function_writes_the_bytes_of_a_copy_from_a_table_with_the_same_rows()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1, PreserveInsertionOrder = true });
        using var connection = db.Connect();
        using var reader = db.Connect();
        connection.Execute("CREATE TABLE t AS SELECT range AS n, 'text ' || repeat('x', (range % 50)::INTEGER) || range AS s FROM range(25000)");
        const string Options = "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000)";
        var fromTable = _dir.File("table.parquet");
        var fromFunction = _dir.File("function.parquet");
        connection.Execute($"COPY (SELECT n, s FROM t) TO {DuckDbSql.Literal(fromTable)} {Options}");
        using var rows = new Rechunker(2048);
        connection.RegisterTableFunction("rows_of_t", Columns, rows.Fill);
        rows.Start(reader.Query("SELECT n, s FROM t"));

        Assert.Equal(25000, connection.Execute($"COPY (SELECT n, s FROM rows_of_t()) TO {DuckDbSql.Literal(fromFunction)} {Options}"));

        Assert.Equal(File.ReadAllBytes(fromTable), File.ReadAllBytes(fromFunction));
    }

    /// <summary>
    /// Builds chunks of <paramref name="size"/> rows from a query's rows on its own (as the sharder's reading thread
    /// does) and hands each to the table function by reference, disposing it right after.
    /// </summary>
    private static List<DuckDbDataChunk> Build(DuckDbResult source, int size)
    {
        var built = new List<DuckDbDataChunk>();
        DuckDbDataChunk? building = null;
        while (source.FetchChunk() is { } chunk)
        {
            using (chunk)
            {
                for (var offset = 0; offset < chunk.RowCount;)
                {
                    building ??= DuckDbDataChunk.Create([DuckDbType.BigInt, DuckDbType.Varchar]);
                    var take = Math.Min(chunk.RowCount - offset, size - building.RowCount);
                    building.AppendRows(chunk, offset, take);
                    offset += take;
                    if (building.RowCount == size)
                    {
                        built.Add(building);
                        building = null;
                    }
                }
            }
        }
        if (building is not null)
        {
            built.Add(building);
        }
        return built;
    }

    [DuckDbTheory]
    [InlineData(2048)]
    [InlineData(777)]
    public void Chunks_built_apart_and_handed_over_by_reference_give_the_rows_and_the_bytes_of_the_table(int size)
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1, PreserveInsertionOrder = true });
        using var connection = db.Connect();
        connection.Execute("""
            CREATE TABLE t AS SELECT range AS n,
                   CASE WHEN range % 11 = 0 THEN NULL ELSE 'text ' || repeat('x', (range % 50)::INTEGER) || range END AS s
            FROM range(25000)
            """);
        var queue = new Queue<DuckDbDataChunk>();
        using (var source = connection.Query("SELECT n, s FROM t"))
        {
            foreach (var chunk in Build(source, size))
            {
                queue.Enqueue(chunk);
            }
        }
        var delivered = 0;
        connection.RegisterTableFunction("built", Columns, output =>
        {
            if (!queue.TryDequeue(out var chunk))
            {
                return 0;
            }
            using (chunk)
            {
                delivered += chunk.RowCount;
                return output.Reference(chunk); // the chunk is freed before DuckDB reads the values
            }
        });
        var fromTable = _dir.File("table.parquet");
        var fromFunction = _dir.File("function.parquet");
        const string Options = "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000)";
        connection.Execute($"COPY (SELECT n, s FROM t) TO {DuckDbSql.Literal(fromTable)} {Options}");

        Assert.Equal(25000, connection.Execute($"COPY (SELECT n, s FROM built()) TO {DuckDbSql.Literal(fromFunction)} {Options}"));

        Assert.Equal(25000, delivered);
        Assert.Equal(ReadAll(connection, $"SELECT n, s FROM read_parquet({DuckDbSql.Literal(fromTable)})"),
            ReadAll(connection, $"SELECT n, s FROM read_parquet({DuckDbSql.Literal(fromFunction)})"));
        if (size == 2048)
        {
            // The same chunks as a table scan: the same row groups, the same bytes.
            Assert.Equal(File.ReadAllBytes(fromTable), File.ReadAllBytes(fromFunction));
        }
    }

    [DuckDbFact]
    public void Built_chunks_refuse_rows_that_do_not_fit_other_columns_and_types_that_need_parameters()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        using var source = connection.Query("SELECT range AS n, 'x' AS s FROM range(3000)");
        using var first = source.FetchChunk()!;
        using var built = DuckDbDataChunk.Create([DuckDbType.BigInt, DuckDbType.Varchar]);

        built.AppendRows(first, 0, 2000);
        Assert.Throws<ArgumentOutOfRangeException>(() => built.AppendRows(first, 0, 49)); // 2049 > 2048
        Assert.Throws<ArgumentOutOfRangeException>(() => built.AppendRows(first, first.RowCount - 1, 2));
        using var narrow = DuckDbDataChunk.Create([DuckDbType.BigInt]);
        Assert.Throws<ArgumentException>(() => narrow.AppendRows(first, 0, 1));
        Assert.Equal(2000, built.RowCount);
        Assert.Equal(1999L, built.GetVector(0).GetInt64(1999));
        Assert.Throws<ArgumentException>(() => DuckDbDataChunk.Create([DuckDbType.Decimal]));
        Assert.Throws<ArgumentException>(() => DuckDbDataChunk.Create([DuckDbType.List]));
        Assert.Throws<ArgumentException>(() => DuckDbDataChunk.Create([]));

        DuckDbOutputChunk? kept = null;
        Exception? wrongColumns = null;
        connection.RegisterTableFunction("once", Columns, output =>
        {
            if (kept is not null)
            {
                return 0;
            }
            kept = output;
            wrongColumns = Record.Exception(() => output.Reference(narrow));
            return output.Reference(built);
        });
        Assert.Equal(2000L, connection.Scalar("SELECT count(*) FROM once()"));
        Assert.IsType<ArgumentException>(wrongColumns);
        Assert.Throws<InvalidOperationException>(() => kept!.Reference(built));
    }

    [DuckDbFact]
    public void An_exception_in_the_fill_fails_the_query_with_its_message_and_the_connection_goes_on()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        connection.RegisterTableFunction("broken", Columns, _ => throw new InvalidOperationException("no rows today"));

        var e = Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM broken()"));

        Assert.Contains("no rows today", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, connection.Scalar("SELECT 1"));
    }

    [DuckDbFact]
    public void A_fill_that_claims_more_rows_than_the_chunk_holds_fails_the_query()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        connection.RegisterTableFunction("greedy", Columns, output => output.Capacity + 1);

        var e = Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM greedy()"));

        Assert.Contains("wrote 2049 rows into a chunk of 2048", e.Message, StringComparison.Ordinal);
    }

    [DuckDbFact]
    public void The_output_chunk_refuses_use_outside_its_call_and_ranges_outside_a_chunk()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        using var source = connection.Query("SELECT range, 'x' FROM range(10)");
        using var chunk = source.FetchChunk()!;
        DuckDbOutputChunk? kept = null;
        Exception? inside = null;
        connection.RegisterTableFunction("once", Columns, output =>
        {
            if (kept is not null)
            {
                return 0;
            }
            kept = output;
            inside = Record.Exception(() => output.CopyRows(chunk, 5, 6, 0));
            output.CopyRows(chunk, 0, 10, 0);
            return 10;
        });

        Assert.Equal(10L, connection.Scalar("SELECT count(*) FROM once()"));
        Assert.IsType<ArgumentOutOfRangeException>(inside);
        Assert.Throws<InvalidOperationException>(() => kept!.CopyRows(chunk, 0, 1, 0));
    }

    [DuckDbFact]
    public void A_name_registered_again_keeps_its_first_function()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        using var source = connection.Query("SELECT range, 'x' FROM range(3)");
        using var chunk = source.FetchChunk()!;
        var calls = 0;
        connection.RegisterTableFunction("again", Columns, output =>
        {
            if (calls++ > 0)
            {
                return 0;
            }
            output.CopyRows(chunk, 0, 3, 0);
            return 3;
        });
        connection.RegisterTableFunction("again", Columns, _ => throw new InvalidOperationException("never called"));

        Assert.Equal(3L, connection.Scalar("SELECT count(*) FROM again()"));
    }

    [DuckDbFact]
    public void Fetching_another_connections_streaming_result_inside_a_fill_fails_at_its_end()
    {
        // DuckDB 1.5's behaviour, and why the sharder fetches on a thread of its own: a fetch past the last chunk of a
        // streaming result, made inside another query's table function, fails instead of returning no chunk.
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var reader = db.Connect();
        using var connection = db.Connect();
        DuckDbResult? stream = null;
        var chunks = new List<DuckDbDataChunk>();
        connection.RegisterTableFunction("inside", Columns[..1], output =>
        {
            var written = 0;
            while (stream!.FetchChunk() is { } chunk)
            {
                chunks.Add(chunk);
                output.CopyRows(chunk, 0, chunk.RowCount, 0);
                written = chunk.RowCount;
                if (chunk.RowCount < output.Capacity)
                {
                    continue; // the last, short chunk: fetch once more, in the same call
                }
                break;
            }
            return written;
        });
        stream = reader.QueryStreaming("SELECT range AS n FROM range(5000)");

        var e = Assert.Throws<DuckDbException>(() => connection.Scalar("SELECT count(*) FROM inside()"));

        Assert.Contains("closed pending query result", e.Message, StringComparison.Ordinal);
        foreach (var chunk in chunks)
        {
            chunk.Dispose();
        }
        stream.Dispose();
    }

    [DuckDbFact]
    public void Columns_of_types_that_need_parameters_are_refused()
    {
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();

        Assert.Throws<ArgumentException>(() => connection.RegisterTableFunction("f", [new("d", DuckDbType.Decimal)], _ => 0));
        Assert.Throws<ArgumentException>(() => connection.RegisterTableFunction("g", [], _ => 0));
    }
}
