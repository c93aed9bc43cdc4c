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
        var model = new Option<string>("--model") { Description = "The bi-encoder folder that embedded the index.", Required = true, HelpName = "dir" };
        var index = new Option<string>("--index") { Description = "The embeddings Parquet file (from 'pipeline embed').", Required = true, HelpName = "file" };
        var queries = new Option<string>("--queries") { Description = "Queries: 'id<TAB>text' TSV or JSON lines.", Required = true, HelpName = "file" };
        var k = new Option<int>("--k") { Description = "Documents per query (default 1000).", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "The TREC run to write.", Required = true, HelpName = "file" };
        var tag = new Option<string>("--run-tag") { Description = "Run tag (default dense).", DefaultValueFactory = _ => "dense" };
        var command = new Command("dense-search", "Exact top-k by inner product over document embeddings (ties by doc id desc).") { model, index, queries, k, output, tag };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var depth = parseResult.GetValue(k);
            if (depth < 1)
            {
                stderr.WriteLine($"error: --k must be at least 1, got {depth}");
                return CliApp.BadInput;
            }
            try
            {
                using var encoder = BiEncoder.Open(parseResult.GetValue(model)!);
                var (docIds, matrix, dim) = EmbeddingParquet.Read(parseResult.GetValue(index)!);
                var queryList = QueryReader.Read(parseResult.GetValue(queries)!);
                var vectors = encoder.Embed(queryList.Select(q => q.Text).ToList());
                if (vectors.Length > 0 && vectors[0].Length != dim)
                {
                    stderr.WriteLine($"error: the model embeds in {vectors[0].Length} dimensions, the index holds {dim}");
                    return CliApp.BadInput;
                }
                var results = queryList.SelectMany((q, i) => ExactSearch.TopK(vectors[i], matrix, docIds, dim, depth).Select(h => (q.QueryId, h.DocId, (double)h.Score)));
                var run = TrecRun.FromResults(parseResult.GetValue(tag)!, results);
                TrecRunWriter.WriteFile(parseResult.GetValue(output)!, run);
                parseResult.InvocationConfiguration.Output.WriteLine($"searched {queryList.Count} queries, wrote {run.LineCount} lines to {parseResult.GetValue(output)}");
                return CliApp.Ok;
            }
            catch (Exception e) when (e is InputFormatException or OnnxModelException or TokenizerException or DuckDbException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
        });
        return command;
    }
}
