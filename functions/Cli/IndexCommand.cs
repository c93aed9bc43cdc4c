using System.CommandLine;
using System.Globalization;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Storage;
using Pipeline.Text;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline index --corpus FILE [--shards N] --out DIR</c> or <c>pipeline index --shards DIR --out DIR</c>: builds
/// a sharded BM25 index. Corpora are read with Formats' CorpusReader (JSONL/TSV, gzip or not); Parquet shards come
/// with the DuckDB binding.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "The corpus: BEIR JSON lines or TSV, plain or gzip.", HelpName = "file" };
        var shards = new Option<string>("--shards")
        {
            Description = "With --corpus: the number of shards to split it into by doc-id hash (default 1). Without: a "
                + "directory whose corpus files (sorted by name) are the shards, one file each.",
            HelpName = "N|dir",
        };
        var output = new Option<string>("--out") { Description = "The index directory to write.", Required = true, HelpName = "dir" };
        var analyzer = new Option<string>("--analyzer") { Description = "english (Lucene EnglishAnalyzer, default) or plain.", DefaultValueFactory = _ => "english" };
        var fields = new Option<string>("--fields") { Description = "Fields to index: title,text (default), title or text.", DefaultValueFactory = _ => "title,text" };
        var command = new Command("index", "Build a BM25 index: one file per shard plus the merged global statistics.")
        {
            corpus, shards, output, analyzer, fields,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(corpus), parseResult.GetValue(shards), parseResult.GetValue(output)!,
            parseResult.GetValue(analyzer)!, parseResult.GetValue(fields)!,
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? corpus, string? shards, string output, string analyzerName, string fieldList,
        TextWriter stdout, TextWriter stderr)
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
        IReadOnlyList<IEnumerable<CorpusDocument>> inputs;
        var shardCount = 1;
        if (corpus is not null)
        {
            if (shards is not null && (!int.TryParse(shards, NumberStyles.None, CultureInfo.InvariantCulture, out shardCount) || shardCount < 1))
            {
                return Fail(stderr, $"--shards must be a positive number with --corpus, got '{shards}'");
            }
            if (!File.Exists(corpus))
            {
                return Fail(stderr, $"corpus file not found: {corpus}");
            }
            inputs = [CorpusReader.Read(corpus)];
        }
        else if (shards is not null)
        {
            if (!Directory.Exists(shards))
            {
                return Fail(stderr, $"shard directory not found: {shards}");
            }
            var files = Directory.GetFiles(shards).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                return Fail(stderr, $"shard directory is empty: {shards}");
            }
            inputs = [.. files.Select(f => CorpusReader.Read(f))];
            shardCount = files.Length;
        }
        else
        {
            return Fail(stderr, "give --corpus FILE or --shards DIR");
        }
        try
        {
            var analyzer = Analyzer.FromName(analyzerName);
            var builders = Enumerable.Range(0, shardCount).Select(_ => new ShardIndexBuilder(analyzer, fields)).ToArray();
            for (var i = 0; i < inputs.Count; i++)
            {
                foreach (var document in inputs[i])
                {
                    builders[inputs.Count == 1 ? ShardAssignment.ShardOf(document.DocId, shardCount) : i].Add(document);
                }
            }
            var statistics = IndexDirectory.Write([.. builders.Select(b => b.Build())], output);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"indexed {builders.Sum(b => b.DocumentCount)} documents into {shardCount} shard(s) in {output}: N={statistics.DocCount}, avgdl={statistics.AverageLength:F2}, terms={statistics.DocFrequencies.Count}"));
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.Failed;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return CliApp.BadInput;
    }
}
