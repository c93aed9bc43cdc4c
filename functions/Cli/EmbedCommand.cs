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
        var model = new Option<string>("--model") { Description = "The bi-encoder folder (model.onnx + tokenizer.json or vocab.txt), or a blob prefix holding those files.", Required = true, HelpName = "dir" };
        var corpus = new Option<string>("--corpus") { Description = "The corpus: JSON lines or TSV, plain or gzip. A local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var output = new Option<string>("--out") { Description = "The Parquet file to write: a local path, az://container/blob, or a blob URL.", Required = true, HelpName = "file" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (default 0: one per physical core).", DefaultValueFactory = _ => 0 };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("embed", "Embed a corpus with a bi-encoder (masked mean pooling, L2-normalised) into Parquet.") { model, corpus, output, threads, connection };
        command.SetAction(parseResult =>
        {
            var stderr = parseResult.InvocationConfiguration.Error;
            using var locations = new CliLocations(parseResult.GetValue(connection));
            return CliLocations.Guard(stderr, () =>
            {
                // The corpus is read by CorpusReader, which names a missing file itself; only a blob needs downloading.
                var corpusText = parseResult.GetValue(corpus)!;
                var corpusPath = CliLocations.Parse(corpusText).IsBlob ? locations.Materialize(corpusText, "corpus", stderr)! : corpusText;
                var outputText = parseResult.GetValue(output)!;
                var target = locations.OutputFile(outputText);
                var modelPath = locations.MaterializeFolder(parseResult.GetValue(model)!);
                try
                {
                    using var encoder = BiEncoder.Open(modelPath,
                        new BiEncoderOptions { Session = new OnnxSessionOptions { IntraOpThreads = parseResult.GetValue(threads) } });
                    var documents = CorpusReader.Read(corpusPath).ToList();
                    var vectors = encoder.Embed(documents.Select(RunReranker.DocumentText).ToList());
                    var rows = EmbeddingParquet.Write(target.LocalPath, documents.Select((d, i) => (d.DocId, vectors[i])));
                    target.Publish();
                    parseResult.InvocationConfiguration.Output.WriteLine($"embedded {rows} documents (dim {encoder.Dimension}) to {outputText}");
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
