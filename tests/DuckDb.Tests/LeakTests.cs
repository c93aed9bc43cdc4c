using System.Globalization;
using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.DuckDb.Tests;

/// <summary>Runs alone so that other tests' allocations do not show up in the process's resident set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResidentSetMeasurements
{
    public const string Name = "Resident set measurements";
}

[Collection(ResidentSetMeasurements.Name)]
public class LeakTests
{
    [DuckDbFact]
    public void Many_open_query_close_cycles_do_not_grow_the_resident_set()
    {
        // Warm up: the first cycles load code and grow allocator arenas.
        Cycles(50);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ResidentKiB();

        Cycles(400);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var after = ResidentKiB();

        // 400 cycles each touch several MiB (a table, a result, a statement, an appender, a streaming result feeding a table function); a leak of any of them
        // would grow the set by hundreds of MiB. 64 MiB leaves room for allocator noise.
        Assert.True(after - before < 64 * 1024, $"VmRSS grew from {before} KiB to {after} KiB over 400 cycles");
    }

    private static void Cycles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
            using var connection = db.Connect();
            connection.Execute("CREATE TABLE t AS SELECT range AS n, repeat('x', 100) || range AS s FROM range(20000)");
            using (var appender = connection.CreateAppender("t"))
            {
                for (var k = 0; k < 100; k++)
                {
                    appender.Append((long)k).Append("appended row with a long enough string").EndRow();
                }
                appender.Close();
            }
            using var statement = connection.Prepare("SELECT n, s FROM t WHERE n >= ?");
            using var result = statement.Bind(1, 0L).Execute();
            while (result.FetchChunk() is { } chunk)
            {
                chunk.Dispose();
            }
            // A streaming query read to its end, and a table function on a second connection that hands a result's
            // chunks on in halves.
            using (var streamed = connection.QueryStreaming("SELECT n, s FROM t WHERE n < 5000"))
            {
                while (streamed.FetchChunk() is { } chunk)
                {
                    chunk.Dispose();
                }
            }
            using var other = db.Connect();
            using var rows = connection.Query("SELECT n, s FROM t WHERE n < 5000");
            DuckDbDataChunk? current = null;
            var half = 0;
            other.RegisterTableFunction("halves", [new("n", DuckDbType.BigInt), new("s", DuckDbType.Varchar)], output =>
            {
                if (current is null || half == 2)
                {
                    current?.Dispose();
                    current = rows.FetchChunk();
                    half = 0;
                    if (current is null)
                    {
                        return 0;
                    }
                }
                var start = half++ == 0 ? 0 : current.RowCount / 2;
                var rowCount = start == 0 ? current.RowCount / 2 : current.RowCount - start;
                output.CopyRows(current, start, rowCount, 0);
                return rowCount;
            });
            other.Execute("SELECT count(*) FROM halves()");
            current?.Dispose();
            // Chunks built from a result's rows and handed to a table function by reference, then disposed at once.
            using var more = connection.Query("SELECT n, s FROM t WHERE n < 5000");
            other.RegisterTableFunction("built", [new("n", DuckDbType.BigInt), new("s", DuckDbType.Varchar)], output =>
            {
                using var source = more.FetchChunk();
                if (source is null)
                {
                    return 0;
                }
                using var built = DuckDbDataChunk.Create([DuckDbType.BigInt, DuckDbType.Varchar]);
                built.AppendRows(source, 0, source.RowCount);
                return output.Reference(built);
            });
            other.Execute("SELECT count(*) FROM built()");
        }
    }

    private static long ResidentKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("no VmRSS line in /proc/self/status");
    }
}
