using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Storage;
using Pipeline.Sharding;
using Pipeline.Text;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline index --corpus FILE [--shard-count N] --out DIR</c> or <c>pipeline index --shards DIR --out DIR</c>:
/// builds a sharded BM25 index. A corpus file (JSONL/TSV, gzip or not, read by Formats' CorpusReader) is split by
/// doc-id hash; a directory written by <c>pipeline shard</c> gives one index shard per Parquet shard, in manifest
/// order, each checked against manifest.json (size, SHA-256, document count) and read chunk by chunk through DuckDB.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "A corpus file: BEIR JSON lines or TSV, plain or gzip. A local path, az://container/blob, or a blob URL.", HelpName = "file" };
        var shardCount = new Option<int?>("--shard-count")
        {
            Description = "With --corpus: the number of index shards, by doc-id hash (default 1).",
            HelpName = "n",
        };
        var shards = new Option<string>("--shards")
        {
            Description = "Instead of --corpus: a directory written by 'pipeline shard' (manifest.json + Parquet shards); "
                + "one index shard per Parquet shard, in manifest order. Or a blob prefix (az://container/path or a blob URL) it wrote.",
            HelpName = "dir",
        };
        var output = new Option<string>("--out") { Description = "The index directory to write; or a blob prefix (az://container/path or a blob URL), which gets the shard files, then statistics.bm25.", Required = true, HelpName = "dir" };
        var connection = CliLocations.CreateConnectionOption();
        var analyzer = new Option<string>("--analyzer") { Description = "english (Lucene EnglishAnalyzer, default) or plain.", DefaultValueFactory = _ => "english" };
        var fields = new Option<string>("--fields") { Description = "Fields to index: title,text (default), title or text.", DefaultValueFactory = _ => "title,text" };
        var command = new Command("index", "Build a BM25 index: one file per shard plus the merged global statistics. "
            + "Prints a summary on stdout and a timing line (documents/s) on stderr.")
        {
            corpus, shardCount, shards, output, analyzer, fields, connection,
        };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(stderr, () => Run(locations,
                parseResult.GetValue(corpus), parseResult.GetValue(shardCount), parseResult.GetValue(shards), parseResult.GetValue(output)!,
                parseResult.GetValue(analyzer)!, parseResult.GetValue(fields)!,
                parseResult.InvocationConfiguration.Output, stderr));
        });
        return command;
    }

    private static int Run(CliLocations locations, string? corpus, int? shardCount, string? shardDirectory, string output, string analyzerName,
        string fieldList, TextWriter stdout, TextWriter stderr)
    {
        if (!Analyzer.Names.Contains(analyzerName))
        {
            return Fail(stderr, $"unknown analyzer '{analyzerName}' (known: {string.Join(", ", Analyzer.Names)})");
        }
        var fields = IndexFields.None;
        foreach (var name in fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            fields |= name switch { "title" => IndexFields.Title, "text" => IndexFields.Text, _ => IndexFields.None };
            if (name is not ("title" or "text"))
            {
                return Fail(stderr, $"unknown field '{name}' in --fields (known: title, text)");
            }
        }
        if (fields == IndexFields.None)
        {
            return Fail(stderr, "--fields names no field");
        }
        if ((corpus is null) == (shardDirectory is null))
        {
            return Fail(stderr, "give either --corpus FILE or --shards DIR");
        }
        if (shardDirectory is not null && shardCount is not null)
        {
            return Fail(stderr, "--shard-count goes with --corpus; with --shards DIR the Parquet shards are the index shards");
        }
        if (shardCount is < 1)
        {
            return Fail(stderr, $"--shard-count must be at least 1, got {shardCount}");
        }
        // Blob locations are checked (connection, existence) when they are downloaded, below.
        if (corpus is not null && !CliLocations.Parse(corpus).IsBlob && !File.Exists(corpus))
        {
            return Fail(stderr, $"corpus file not found: {corpus}");
        }
        if (shardDirectory is not null && !CliLocations.Parse(shardDirectory).IsBlob && !Directory.Exists(shardDirectory))
        {
            return Fail(stderr, $"shard directory not found: {shardDirectory}");
        }
        // A blob prefix is written into a temporary folder, then uploaded: the shard files first, statistics.bm25 last.
        var target = locations.Output(output);
        var corpusPath = corpus is null ? null : locations.Materialize(corpus, "corpus", stderr);
        if (corpus is not null && corpusPath is null)
        {
            return CliApp.BadInput;
        }
        var shardPath = shardDirectory is null ? null : locations.MaterializeFolder(shardDirectory);
        var clock = Stopwatch.StartNew();
        try
        {
            var analyzer = Analyzer.FromName(analyzerName);
            ShardIndexBuilder[] builders;
            if (corpus is not null)
            {
                builders = BuildFromCorpus(corpusPath!, shardCount ?? 1, analyzer, fields);
            }
            else
            {
                builders = BuildFromParquetShards(shardPath!, analyzer, fields);
            }
            var statistics = IndexDirectory.Write([.. builders.Select(b => b.Build())], target.LocalPath);
            target.Publish(StatisticsFile.FileName);
            var documents = builders.Sum(b => (long)b.DocumentCount);
            var seconds = clock.Elapsed.TotalSeconds;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"indexed {documents} documents into {builders.Length} shard(s) in {output}: N={statistics.DocCount}, avgdl={statistics.AverageLength:F2}, terms={statistics.DocFrequencies.Count}"));
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"index: {documents} documents in {seconds:F3} s ({documents / Math.Max(seconds, 1e-9):F0} documents/s)"));
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            return Fail(stderr, locations.Describe(e));
        }
        catch (InvalidDataException e)
        {
            return Fail(stderr, locations.Describe(e.Message));
        }
        catch (DuckDbException e)
        {
            // The shard passed its checksum, so DuckDB failing to read it is still a problem with the input.
            return Fail(stderr, locations.Describe(e.Message));
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }

    private static ShardIndexBuilder[] BuildFromCorpus(string corpus, int shardCount, Analyzer analyzer, IndexFields fields)
    {
        var builders = Enumerable.Range(0, shardCount).Select(_ => new ShardIndexBuilder(analyzer, fields)).ToArray();
        foreach (var document in CorpusReader.Read(corpus))
        {
            builders[shardCount == 1 ? 0 : ShardAssignment.ShardOf(document.DocId, shardCount)].Add(document);
        }
        return builders;
    }

    private static ShardIndexBuilder[] BuildFromParquetShards(string directory, Analyzer analyzer, IndexFields fields)
    {
        var shards = ShardReader.ReadManifest(directory);
        foreach (var shard in shards)
        {
            ShardReader.Verify(directory, shard);
        }
        using var database = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = database.Connect();
        var builders = new ShardIndexBuilder[shards.Count];
        for (var i = 0; i < shards.Count; i++)
        {
            var path = Path.Combine(directory, shards[i].File);
            var builder = new ShardIndexBuilder(analyzer, fields);
            foreach (var document in ShardReader.ReadDocuments(connection, path))
            {
                builder.Add(document);
            }
            if (builder.DocumentCount != shards[i].Documents)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {builder.DocumentCount} documents, manifest.json says {shards[i].Documents}"));
            }
            builders[i] = builder;
        }
        return builders;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return CliApp.BadInput;
    }
}
