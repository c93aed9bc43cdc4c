using System.CommandLine;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Formats.Corpus;
using Pipeline.Onnx;
using Pipeline.Reranking.Dense;
using Pipeline.Reranking.Runs;
using Pipeline.Tokenization;

namespace Pipeline.Functions.Cli;

/// <summary><c>pipeline embed --model DIR --corpus FILE --out FILE.parquet</c>: bi-encoder embeddings of a corpus (doc_id, embedding FLOAT[dim]).</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The bi-encoder folder (model.onnx + tokenizer.json or vocab.txt).", Required = true, HelpName = "dir" };
        var corpus = new Option<string>("--corpus") { Description = "The corpus: JSON lines or TSV, plain or gzip.", Required = true, HelpName = "file" };
        var output = new Option<string>("--out") { Description = "The Parquet file to write.", Required = true, HelpName = "file" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (default 0: one per physical core).", DefaultValueFactory = _ => 0 };
        var command = new Command("embed", "Embed a corpus with a bi-encoder (masked mean pooling, L2-normalised) into Parquet.") { model, corpus, output, threads };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                using var encoder = BiEncoder.Open(parseResult.GetValue(model)!,
                    new BiEncoderOptions { Session = new OnnxSessionOptions { IntraOpThreads = parseResult.GetValue(threads) } });
                var documents = CorpusReader.Read(parseResult.GetValue(corpus)!).ToList();
                var vectors = encoder.Embed(documents.Select(RunReranker.DocumentText).ToList());
                var rows = EmbeddingParquet.Write(parseResult.GetValue(output)!, documents.Select((d, i) => (d.DocId, vectors[i])));
                parseResult.InvocationConfiguration.Output.WriteLine($"embedded {rows} documents (dim {encoder.Dimension}) to {parseResult.GetValue(output)}");
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
