using System.CommandLine;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Onnx;
using Pipeline.Reranking.Dense;
using Pipeline.Tokenization;

namespace Pipeline.Functions.Cli;

/// <summary><c>pipeline dense-search --model DIR --index FILE.parquet --queries FILE --k 1000 --out run.trec</c>: exact inner-product search.</summary>
internal static class DenseSearchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The bi-encoder folder that embedded the index, or a blob prefix holding it.", Required = true, HelpName = "dir" };
        var index = new Option<string>("--index") { Description = "The embeddings Parquet file (from 'pipeline embed'): a local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var queries = new Option<string>("--queries") { Description = "Queries: 'id<TAB>text' TSV or JSON lines.", Required = true, HelpName = "file" };
        var k = new Option<int>("--k") { Description = "Documents per query (default 1000).", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "The TREC run to write.", Required = true, HelpName = "file" };
        var tag = new Option<string>("--run-tag") { Description = "Run tag (default dense).", DefaultValueFactory = _ => "dense" };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("dense-search", "Exact top-k by inner product over document embeddings (ties by doc id desc).") { model, index, queries, k, output, tag, connection };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var depth = parseResult.GetValue(k);
            if (depth < 1)
            {
                stderr.WriteLine($"error: --k must be at least 1, got {depth}");
                return CliApp.BadInput;
            }
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(stderr, () =>
            {
                // Local inputs are read in place (their readers name a missing file); only blobs need downloading.
                var indexText = parseResult.GetValue(index)!;
                var queriesText = parseResult.GetValue(queries)!;
                var indexPath = CliLocations.Parse(indexText).IsBlob ? locations.Materialize(indexText, "index", stderr)! : indexText;
                var queriesPath = CliLocations.Parse(queriesText).IsBlob ? locations.Materialize(queriesText, "queries", stderr)! : queriesText;
                var outputText = parseResult.GetValue(output)!;
                var target = locations.OutputFile(outputText);
                var modelPath = locations.MaterializeFolder(parseResult.GetValue(model)!);
                try
                {
                    using var encoder = BiEncoder.Open(modelPath);
                    var (docIds, matrix, dim) = EmbeddingParquet.Read(indexPath);
                    var queryList = QueryReader.Read(queriesPath);
                    var vectors = encoder.Embed(queryList.Select(q => q.Text).ToList());
                    if (vectors.Length > 0 && vectors[0].Length != dim)
                    {
                        stderr.WriteLine($"error: the model embeds in {vectors[0].Length} dimensions, the index holds {dim}");
                        return CliApp.BadInput;
                    }
                    var results = queryList.SelectMany((q, i) => ExactSearch.TopK(vectors[i], matrix, docIds, dim, depth).Select(h => (q.QueryId, h.DocId, (double)h.Score)));
                    var run = TrecRun.FromResults(parseResult.GetValue(tag)!, results);
                    TrecRunWriter.WriteFile(target.LocalPath, run);
                    target.Publish();
                    parseResult.InvocationConfiguration.Output.WriteLine($"searched {queryList.Count} queries, wrote {run.LineCount} lines to {outputText}");
                    return CliApp.Ok;
                }
                catch (InputFormatException e)
                {
                    stderr.WriteLine($"error: {locations.Describe(e)}");
                    return CliApp.BadInput;
                }
                catch (Exception e) when (e is OnnxModelException or TokenizerException or DuckDbException)
                {
                    stderr.WriteLine($"error: {locations.Describe(e.Message)}");
                    return CliApp.BadInput;
                }
            });
        });
        return command;
    }
}
