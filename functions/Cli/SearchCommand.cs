using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pipeline.Formats;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Storage;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline search --index DIR --queries FILE --k 1000 --out run.trec</c>: BM25 over every shard with global
/// statistics. A query with no terms after analysis (stop words only) gets no lines and a warning on stderr; an empty
/// query is a malformed queries file (QueryReader's rule). A timing line for the search itself (queries/s, excluding
/// loading the index) goes to stderr.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var index = new Option<string>("--index") { Description = "The index directory (from 'pipeline index'), or a blob prefix it wrote (az://container/path or a blob URL).", Required = true, HelpName = "dir" };
        var queries = new Option<string>("--queries") { Description = "Queries: 'id<TAB>text' TSV or JSON lines. A local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var k = new Option<int>("--k") { Description = "Documents per query (default 1000).", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "The TREC run to write: a local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var k1 = new Option<double>("--k1") { Description = "BM25 k1 (default 0.9).", DefaultValueFactory = _ => 0.9 };
        var b = new Option<double>("--b") { Description = "BM25 b (default 0.4).", DefaultValueFactory = _ => 0.4 };
        var lossy = new Option<bool>("--lucene-lengths") { Description = "Round document lengths as Lucene's one-byte norms do (default: exact lengths)." };
        var analyzer = new Option<string?>("--analyzer") { Description = "Expected analyzer; an error if the index was built with another." };
        var tag = new Option<string>("--run-tag") { Description = "Run tag (default bm25).", DefaultValueFactory = _ => "bm25" };
        var threads = new Option<int>("--threads") { Description = "Parallel queries (default: all cores).", DefaultValueFactory = _ => -1 };
        var warmUp = new Option<bool>("--warm-up")
        {
            Description = "Search the whole query set once, untimed, before the timed pass (benchmarks: the timing line then "
                + "shows warm, JIT-compiled throughput). The run written is the same.",
        };
        var traversal = new Option<Bm25Traversal>("--traversal")
        {
            Description = "How postings are walked: auto (default: per query, the one expected to be faster), maxscore "
                + "(document at a time with pruning) or accumulate (term at a time). The run is the same; for benchmarks.",
            DefaultValueFactory = _ => Bm25Traversal.Auto,
        };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("search", "Search a BM25 index with a set of queries and write a TREC run (score desc, ties by doc id desc).")
        {
            index, queries, k, output, k1, b, lossy, analyzer, tag, threads, warmUp, traversal, connection,
        };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var parameters = new Bm25Parameters { K1 = parseResult.GetValue(k1), B = parseResult.GetValue(b), LuceneLossyLengths = parseResult.GetValue(lossy) };
            var depth = parseResult.GetValue(k);
            if (depth < 1)
            {
                stderr.WriteLine($"error: --k must be at least 1, got {depth}");
                return CliApp.BadInput;
            }
            try
            {
                parameters.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                stderr.WriteLine($"error: {e.Message.Split(Environment.NewLine)[0]}");
                return CliApp.BadInput;
            }
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(stderr, () => Run(parseResult, locations, parseResult.GetValue(index)!, parseResult.GetValue(queries)!,
                parseResult.GetValue(output)!, depth, parameters, parseResult.GetValue(analyzer), parseResult.GetValue(tag)!, parseResult.GetValue(threads),
                parseResult.GetValue(warmUp), parseResult.GetValue(traversal)));
        });
        return command;
    }

    private static int Run(ParseResult parseResult, CliLocations locations, string indexText, string queriesText, string outputText, int depth,
        Bm25Parameters parameters, string? expected, string tag, int threads, bool warmUp, Bm25Traversal traversal)
    {
        var stderr = parseResult.InvocationConfiguration.Error;
        var queriesPath = locations.Materialize(queriesText, "queries", stderr);
        if (queriesPath is null)
        {
            return CliApp.BadInput;
        }
        var target = locations.OutputFile(outputText);
        var indexPath = locations.MaterializeFolder(indexText);
        try
        {
            var searcher = IndexDirectory.Open(indexPath, parameters);
            searcher.Traversal = traversal;
            if (expected is not null && expected != searcher.Analyzer.Name)
            {
                stderr.WriteLine($"error: the index was built with analyzer '{searcher.Analyzer.Name}', not '{expected}'");
                return CliApp.BadInput;
            }
            var queryList = QueryReader.Read(queriesPath);
            foreach (var query in queryList)
            {
                if (QueryTerms.Analyze(searcher.Analyzer, query.Text).Terms.Count == 0)
                {
                    // Not an error (a stop-word-only question is legitimate input); the run simply has no lines
                    // for it, which trec_eval scores as zero when the query has judgements.
                    stderr.WriteLine($"warning: query {query.QueryId} has no terms after analysis ({searcher.Analyzer.Name}); it gets no results");
                }
            }
            if (warmUp)
            {
                _ = searcher.SearchAll(queryList, depth, tag, threads);
            }
            var clock = Stopwatch.StartNew();
            var run = searcher.SearchAll(queryList, depth, tag, threads);
            var seconds = clock.Elapsed.TotalSeconds;
            TrecRunWriter.WriteFile(target.LocalPath, run);
            target.Publish();
            parseResult.InvocationConfiguration.Output.WriteLine($"searched {queryList.Count} queries, wrote {run.LineCount} lines to {outputText}");
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search: {queryList.Count} queries in {seconds:F3} s ({queryList.Count / Math.Max(seconds, 1e-9):F1} queries/s, top {depth})"));
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {locations.Describe(e)}");
            return CliApp.BadInput;
        }
        catch (IndexFormatException e)
        {
            stderr.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }
}
