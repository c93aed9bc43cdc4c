using System.CommandLine;
using System.Globalization;
using Pipeline.Formats;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Onnx;
using Pipeline.Reranking;
using Pipeline.Reranking.Runs;
using Pipeline.Tokenization;

namespace Pipeline.Functions.Cli;

/// <summary>
/// <c>pipeline rerank --model DIR --queries FILE --corpus FILE --run IN.trec --depth 100 --out OUT.trec</c>: rescoring a
/// run's top-depth documents with a cross-encoder. Documents below the depth are not written.
/// </summary>
internal static class RerankCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The cross-encoder folder (model.onnx + tokenizer.json or vocab.txt), or a blob prefix holding those files.", Required = true, HelpName = "dir" };
        var queries = new Option<string>("--queries") { Description = "Queries: 'id<TAB>text' TSV or JSON lines.", Required = true, HelpName = "file" };
        var corpus = new Option<string>("--corpus") { Description = "The corpus: JSON lines or TSV, plain or gzip.", Required = true, HelpName = "file" };
        var run = new Option<string>("--run") { Description = "The first-stage TREC run to rerank.", Required = true, HelpName = "file" };
        var depth = new Option<int>("--depth") { Description = "Documents per query to rerank (default 100); those below are not written.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "The reranked TREC run to write.", Required = true, HelpName = "file" };
        var maxLength = new Option<int>("--max-length") { Description = "Tokens per (query, document) input (default 512).", DefaultValueFactory = _ => CrossEncoderOptions.Default.MaxLength };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "Tokens per batch, padding included (default 16384).", DefaultValueFactory = _ => CrossEncoderOptions.Default.TokenBudget };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (default 0: one per physical core).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N (default cpu).", DefaultValueFactory = _ => "cpu" };
        var cudaOptions = new Option<string[]>("--cuda-option")
        {
            Description = "An ONNX Runtime CUDA execution provider option, NAME=VALUE (e.g. use_tf32=0); repeat for more. Used with --device cuda.",
            HelpName = "name=value",
            AllowMultipleArgumentsPerToken = false,
        };
        var tag = new Option<string>("--run-tag") { Description = "Run tag (default rerank).", DefaultValueFactory = _ => "rerank" };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("rerank", "Rerank the top documents of a TREC run with a cross-encoder and write the reranked run (model scores).")
        {
            model, queries, corpus, run, depth, output, maxLength, batchTokens, threads, device, cudaOptions, tag, connection,
        };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            var k = parseResult.GetValue(depth);
            if (k < 1)
            {
                stderr.WriteLine($"error: --depth must be at least 1, got {k}");
                return CliApp.BadInput;
            }
            if (!OnnxDevice.TryParse(parseResult.GetValue(device), out var onnxDevice))
            {
                stderr.WriteLine($"error: unknown --device '{parseResult.GetValue(device)}': expected cpu, cuda or cuda:N");
                return CliApp.BadInput;
            }
            var providerOptions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in parseResult.GetValue(cudaOptions) ?? [])
            {
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    stderr.WriteLine($"error: --cuda-option '{text}': expected NAME=VALUE");
                    return CliApp.BadInput;
                }
                providerOptions[text[..equals].Trim()] = text[(equals + 1)..].Trim();
            }
            var options = new CrossEncoderOptions
            {
                MaxLength = parseResult.GetValue(maxLength),
                TokenBudget = parseResult.GetValue(batchTokens),
                Session = new OnnxSessionOptions
                {
                    Device = onnxDevice,
                    IntraOpThreads = parseResult.GetValue(threads),
                    CudaProviderOptions = providerOptions.Count == 0 ? null : providerOptions,
                },
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"error: {e.Message.Split(Environment.NewLine)[0]}");
                return CliApp.BadInput;
            }
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(stderr, () => Run(parseResult, locations, parseResult.GetValue(model)!, parseResult.GetValue(queries)!,
                parseResult.GetValue(corpus)!, parseResult.GetValue(run)!, parseResult.GetValue(output)!, parseResult.GetValue(tag)!, k, options));
        });
        return command;
    }

    private static int Run(ParseResult parseResult, CliLocations locations, string modelText, string queriesText, string corpusText,
        string runText, string outputText, string tag, int k, CrossEncoderOptions options)
    {
        var stderr = parseResult.InvocationConfiguration.Error;
        var inputs = new List<string>();
        foreach (var (name, text) in new[] { ("queries", queriesText), ("corpus", corpusText), ("run", runText) })
        {
            if (locations.Materialize(text, name, stderr) is not { } path)
            {
                return CliApp.BadInput;
            }
            inputs.Add(path);
        }
        var (queriesPath, corpusPath, runPath) = (inputs[0], inputs[1], inputs[2]);
        var target = locations.OutputFile(outputText);
        var modelPath = locations.MaterializeFolder(modelText);
        try
        {
            using var encoder = CrossEncoder.Open(modelPath, options);
            var candidates = RunReranker.Candidates(TrecRunReader.Read(runPath), k);
            var queryTexts = QueryReader.Read(queriesPath).ToDictionary(q => q.QueryId, q => q.Text, StringComparer.Ordinal);
            var needed = candidates.SelectMany(c => c.Documents).Select(d => d.DocId).ToHashSet(StringComparer.Ordinal);
            var documents = RunReranker.LoadDocuments(corpusPath, needed);
            var reranked = RunReranker.Rerank(encoder, candidates, queryTexts, documents, tag,
                p => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rerank: {p.QueriesDone}/{p.QueryCount} queries, {p.PairsDone} pairs, {p.PairsPerSecond:F1} pairs/s")));
            TrecRunWriter.WriteFile(target.LocalPath, reranked);
            target.Publish();
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"reranked {reranked.QueryCount} queries at depth {k}, wrote {reranked.LineCount} lines to {outputText}");
            return CliApp.Ok;
        }
        catch (InputFormatException e)
        {
            stderr.WriteLine($"error: {locations.Describe(e)}");
            return CliApp.BadInput;
        }
        catch (Exception e) when (e is RerankInputException or OnnxModelException or TokenizerException or ArgumentException)
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
