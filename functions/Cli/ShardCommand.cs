using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Sharding;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline shard --corpus FILE --out DIR [--shard-docs N | --shards N] [--format jsonl|tsv|parquet]
/// [--id-field F] [--text-field F] [--title-field F] [--on-bad-record fail|skip] [--parser auto|duckdb|reader]</c>: Parquet
/// shards and a manifest.
/// </summary>
internal static class ShardCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "The corpus: JSON lines or TSV (plain or gzip), or Parquet. A local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var output = new Option<string>("--out") { Description = "Output directory, created, that must not exist or be empty; or a blob prefix (az://container/path or a blob URL) with no blobs under it, which gets the shards, then manifest.json.", Required = true, HelpName = "dir" };
        var connection = CliLocations.CreateConnectionOption();
        var shardDocs = new Option<long?>("--shard-docs") { Description = $"Documents per shard (default {ShardOptions.DefaultShardDocs:N0}).", HelpName = "n" };
        var shards = new Option<int?>("--shards") { Description = "Number of shards (near-equal runs of consecutive documents).", HelpName = "n" };
        var format = new Option<string?>("--format") { Description = "Input format: jsonl, tsv or parquet (default: from the file name)." };
        format.AcceptOnlyFromAmong("jsonl", "tsv", "parquet");
        var idField = new Option<string?>("--id-field") { Description = "Field/column of the document id (default _id; doc_id for Parquet).", HelpName = "name" };
        var textField = new Option<string>("--text-field") { Description = "Field/column of the text (default text).", HelpName = "name", DefaultValueFactory = _ => "text" };
        var titleField = new Option<string>("--title-field") { Description = "Field/column of the title (default title; 'none' for no titles).", HelpName = "name", DefaultValueFactory = _ => "title" };
        var onBad = new Option<string>("--on-bad-record") { Description = "fail (default): stop at the first bad record; skip: leave it out, count and report it.", DefaultValueFactory = _ => "fail" };
        onBad.AcceptOnlyFromAmong("fail", "skip");
        var threads = new Option<int>("--threads") { Description = "Parallelism (default 1): DuckDB threads, or with the DuckDB parser of JSON lines, shards written side by side (at most 4). Output is byte-identical run to run at any value.", DefaultValueFactory = _ => 1 };
        var memory = new Option<string>("--memory-limit") { Description = "DuckDB memory limit; beyond it DuckDB spills to disk (default 1GB).", DefaultValueFactory = _ => "1GB" };
        var parser = new Option<string>("--parser") { Description = "Who parses JSON lines: auto (default): DuckDB when it reads the file exactly as the line-numbered reader does and finds no bad record, else the reader (same output); duckdb: DuckDB or an error; reader: the reader only.", DefaultValueFactory = _ => "auto" };
        parser.AcceptOnlyFromAmong("auto", "duckdb", "reader");
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines on stderr." };

        var command = new Command("shard", "Split a corpus into Parquet shards (doc_id, title, text; ZSTD) with manifest.json (counts, bytes, SHA-256).")
        {
            corpus, output, shardDocs, shards, format, idField, textField, titleField, onBad, threads, memory, parser, quiet, connection,
        };
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var title = parseResult.GetValue(titleField);
            ShardOptions options;
            try
            {
                options = new ShardOptions
                {
                    Format = parseResult.GetValue(format) switch
                    {
                        "jsonl" => ShardInputFormat.Jsonl,
                        "tsv" => ShardInputFormat.Tsv,
                        "parquet" => ShardInputFormat.Parquet,
                        _ => null,
                    },
                    IdField = parseResult.GetValue(idField),
                    TextField = parseResult.GetValue(textField)!,
                    TitleField = title == "none" ? null : title,
                    ShardDocs = parseResult.GetValue(shardDocs),
                    Shards = parseResult.GetValue(shards),
                    OnBadRecord = parseResult.GetValue(onBad) == "skip" ? BadRecordPolicy.Skip : BadRecordPolicy.Fail,
                    Threads = parseResult.GetValue(threads),
                    MemoryLimit = parseResult.GetValue(memory)!,
                    Parser = parseResult.GetValue(parser) switch
                    {
                        "duckdb" => ShardParser.DuckDb,
                        "reader" => ShardParser.Reader,
                        _ => ShardParser.Auto,
                    },
                };
                options.Validate();
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(error, () => Run(locations, parseResult.GetValue(corpus)!, parseResult.GetValue(output)!, options,
                parseResult.GetValue(quiet), parseResult.InvocationConfiguration.Output, error));
        });
        return command;
    }

    private static int Run(CliLocations locations, string corpus, string output, ShardOptions options, bool quiet, TextWriter stdout,
        TextWriter error)
    {
        // A blob prefix is sharded into a temporary folder, then uploaded: the shards first, manifest.json last.
        var target = locations.Output(output);
        var corpusLocation = CliLocations.Parse(corpus);
        if (!corpusLocation.IsBlob && !File.Exists(corpusLocation.LocalPath))
        {
            error.WriteLine($"error: corpus file not found: {corpus}");
            return CliApp.BadInput;
        }
        if (!target.IsEmptyFolder())
        {
            error.WriteLine(target.IsBlob
                ? $"error: the output prefix already has blobs under it: {output}"
                : $"error: the output directory exists and is not empty: {output}");
            return CliApp.BadInput;
        }
        if (locations.Materialize(corpus, "corpus", error) is not { } corpusPath)
        {
            return CliApp.BadInput;
        }
        var clock = Stopwatch.StartNew();
        var progress = quiet ? null : new SynchronousProgress(p => error.WriteLine(p.Phase switch
        {
            "read" => string.Create(CultureInfo.InvariantCulture, $"shard: read {p.Documents:N0} documents ({clock.Elapsed.TotalSeconds:F1} s)"),
            "count" => string.Create(CultureInfo.InvariantCulture, $"shard: counting documents for --shards ({clock.Elapsed.TotalSeconds:F1} s)"),
            "check" => string.Create(CultureInfo.InvariantCulture, $"shard: checking for duplicate ids ({clock.Elapsed.TotalSeconds:F1} s)"),
            "fallback" => string.Create(CultureInfo.InvariantCulture, $"shard: reading again with the line-numbered reader ({p.Detail}) ({clock.Elapsed.TotalSeconds:F1} s)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"shard: wrote {p.ShardsWritten} shards, {p.Documents:N0} documents ({clock.Elapsed.TotalSeconds:F1} s)"),
        }));
        try
        {
            var result = CorpusSharder.Shard(corpusPath, target.LocalPath, options, progress);
            foreach (var bad in result.BadRecords)
            {
                error.WriteLine($"skipped: {corpus}:{bad.LineNumber}: {bad.Reason}");
            }
            var manifest = result.Manifest;
            if (manifest.BadRecords > result.BadRecords.Count)
            {
                error.WriteLine($"skipped: ... {manifest.BadRecords - result.BadRecords.Count} more bad records not listed");
            }
            target.Publish(CorpusSharder.ManifestFileName);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{manifest.Documents} documents in {manifest.Shards.Count} shards, {manifest.BadRecords} bad records skipped ({manifest.DuplicateRecords} duplicate ids): {(target.IsBlob ? target.Text : result.OutputDirectory)}"));
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"error: {locations.Describe(e)}");
            return CliApp.BadInput;
        }
        catch (DuckDbException e) when (e.IsInputError)
        {
            error.WriteLine($"error: {corpus}: {locations.Describe(e.Message)}");
            return CliApp.BadInput;
        }
        catch (Exception e) when (e is IOException or DuckDbException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ShardProgress> report) : IProgress<ShardProgress>
    {
        public void Report(ShardProgress value) => report(value);
    }
}
