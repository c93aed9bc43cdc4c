using System.IO.Compression;
using System.Text;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats;

namespace Pipeline.Sharding.Tests;

/// <summary>Runs a corpus through both parsers and compares what each leaves behind, byte for byte.</summary>
internal sealed class ParserEquivalence(TempDirectory dir)
{
    private int _runs;

    public string WriteCorpus(string name, string content) => WriteCorpus(name, Encoding.UTF8.GetBytes(content));

    public string WriteCorpus(string name, byte[] content)
    {
        var path = dir.File(name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }
        return path;
    }

    /// <summary>
    /// Shards with the DuckDB parser (which must not fall back) and with the reader, and asserts the same file names
    /// and bytes, manifest included; returns the DuckDB run's result.
    /// </summary>
    public ShardResult AssertSameShards(string corpus, ShardOptions? options = null)
    {
        options ??= new ShardOptions();
        var fast = Shard(corpus, options with { Parser = ShardParser.DuckDb });
        var reader = Shard(corpus, options with { Parser = ShardParser.Reader });
        Assert.Equal(ShardParser.DuckDb, fast.Parser);
        Assert.Null(fast.FallbackReason);
        Assert.Equal(ShardParser.Reader, reader.Parser);
        AssertSameFiles(reader.OutputDirectory, fast.OutputDirectory);
        return fast;
    }

    /// <summary>
    /// Shards with the auto parser, which must fall back to the reader, and with the reader alone, and asserts the same
    /// outcome: the same error, or the same files, bad records and counts. Returns the auto run's fallback reason.
    /// </summary>
    public string AssertFallsBackToTheSameOutcome(string corpus, ShardOptions? options = null, Func<string, ulong>? idHash = null)
    {
        options ??= new ShardOptions();
        var autoOutput = NextOutput();
        var readerOutput = NextOutput();
        var reasons = new List<string?>();
        var progress = new Recorder(p =>
        {
            if (p.Phase == "fallback")
            {
                reasons.Add(p.Detail);
            }
        });
        ShardResult? auto = null;
        ShardResult? reader = null;
        var autoError = Record(() => auto = CorpusSharder.Shard(corpus, autoOutput, options with { Parser = ShardParser.Auto }, progress, idHash));
        var readerError = Record(() => reader = CorpusSharder.Shard(corpus, readerOutput, options with { Parser = ShardParser.Reader }, null, idHash));
        var reason = Assert.Single(reasons);
        Assert.NotNull(reason);
        if (readerError is not null)
        {
            Assert.NotNull(autoError);
            Assert.Equal(readerError.GetType(), autoError.GetType());
            Assert.Equal(readerError.Message, autoError.Message);
            if (readerError is InputFormatException expected)
            {
                Assert.Equal(expected.LineNumber, ((InputFormatException)autoError).LineNumber);
            }
            Assert.False(Directory.Exists(autoOutput));
            AssertNoStagingLeft();
            return reason;
        }
        Assert.Null(autoError);
        Assert.Equal(ShardParser.Reader, auto!.Parser);
        Assert.Equal(reason, auto.FallbackReason);
        Assert.Equal(reader!.BadRecords, auto.BadRecords);
        AssertSameFiles(reader.OutputDirectory, auto.OutputDirectory);
        AssertNoStagingLeft();
        return reason;
    }

    public ShardResult Shard(string corpus, ShardOptions options) => CorpusSharder.Shard(corpus, NextOutput(), options);

    private string NextOutput() => dir.File($"out{++_runs}");

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is InputFormatException or IOException or Pipeline.DuckDb.DuckDbException)
        {
            return e;
        }
    }

    public static void AssertSameFiles(string expectedDirectory, string actualDirectory)
    {
        var expected = Directory.GetFiles(expectedDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(actualDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        Assert.Contains(CorpusSharder.ManifestFileName, actual);
        foreach (var name in expected)
        {
            var want = File.ReadAllBytes(Path.Combine(expectedDirectory, name!));
            var got = File.ReadAllBytes(Path.Combine(actualDirectory, name!));
            Assert.True(want.AsSpan().SequenceEqual(got), $"{name} differs ({want.Length} bytes expected, {got.Length} written)");
        }
    }

    /// <summary>No hidden staging directory (<c>.outN.partial-...</c>) survives a run, finished or failed.</summary>
    private void AssertNoStagingLeft() =>
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path).Select(Path.GetFileName), n => n!.StartsWith('.'));

    private sealed class Recorder(Action<ShardProgress> report) : IProgress<ShardProgress>
    {
        public void Report(ShardProgress value) => report(value);
    }
}
