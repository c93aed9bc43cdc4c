using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pipeline.DuckDb.Tests.Support;

namespace Pipeline.Sharding.Tests;

/// <summary>Our shards read back by an independent reader: hyparquet (JavaScript, from .tools/node), every value compared.</summary>
public sealed class HyparquetInteropTests : IDisposable
{
    private const string ReadScript = """
        import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
        import { compressors } from 'hyparquet-compressors'
        const file = await asyncBufferFromFile(process.argv[1])
        const rows = await parquetReadObjects({ file, compressors })
        process.stdout.write(JSON.stringify(rows))
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>.tools/node (holding node_modules/hyparquet), from PIPELINE_NODE_MODULES or above the test binaries.</summary>
    private static string? NodeProject()
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_NODE_MODULES") is { Length: > 0 } modules
            && Directory.Exists(Path.Combine(modules, "hyparquet")))
        {
            return Path.GetDirectoryName(Path.GetFullPath(modules));
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".tools", "node");
            if (Directory.Exists(Path.Combine(candidate, "node_modules", "hyparquet-compressors")))
            {
                return candidate;
            }
        }
        return null;
    }

    [DuckDbFact]
    public void Hyparquet_reads_every_value_of_our_shards()
    {
        var project = NodeProject();
        if (project is null)
        {
            Assert.False(DuckDbFactAttribute.IsCi, "hyparquet is not installed in .tools/node: run eng/bootstrap.sh");
            return; // locally without the node tools: nothing to compare against
        }
        var expected = Enumerable.Range(0, 2500)
            .Select(i => (Id: $"doc-{i}", Title: i % 3 == 0 ? "" : $"Title {i} ✓", Text: $"text {i} \"quoted\" " + new string('é', i % 40)))
            .ToList();
        var corpus = _dir.File("c.jsonl");
        File.WriteAllLines(corpus, expected.Select(d => JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = d.Id, ["title"] = d.Title, ["text"] = d.Text })), new UTF8Encoding(false));

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { ShardDocs = 1000, RowGroupSize = 1000 });

        var actual = new List<(string, string, string)>();
        foreach (var shard in result.Manifest.Shards)
        {
            var json = RunNode(project, Path.Combine(result.OutputDirectory, shard.File));
            using var document = JsonDocument.Parse(json);
            foreach (var row in document.RootElement.EnumerateArray())
            {
                actual.Add((row.GetProperty("doc_id").GetString()!, row.GetProperty("title").GetString()!, row.GetProperty("text").GetString()!));
            }
        }
        Assert.Equal(expected.Select(d => (d.Id, d.Title, d.Text)), actual);
    }

    private static string RunNode(string project, string parquet)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--input-type=module", "-e", ReadScript, parquet })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
