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

        // 400 cycles each touch several MiB (a table, a result, a statement, appenders, a streaming result); a leak of any of them
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
            // A streaming query whose chunks are appended whole and in ranges to a table on a second connection.
            using var other = db.Connect();
            other.Execute("CREATE TABLE copy (n BIGINT, s VARCHAR)");
            using var copier = other.CreateAppender("copy");
            using var streamed = connection.QueryStreaming("SELECT n, s FROM t WHERE n < 5000");
            while (streamed.FetchChunk() is { } chunk)
            {
                using (chunk)
                {
                    copier.AppendChunk(chunk, 0, chunk.RowCount / 2).AppendChunk(chunk, chunk.RowCount / 2, chunk.RowCount - (chunk.RowCount / 2));
                }
            }
            copier.Close();
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
