using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats.Trec;
using Pipeline.Functions.Cli;
using Pipeline.Onnx.Tests.Support;
using Pipeline.Reranking.Dense;

namespace Pipeline.Functions.Tests;

public sealed class DenseSearchCommandTests : IDisposable
{
    private static readonly string ModelDir = Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_bi");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [DuckDbFact]
    public void Dense_search_over_embedded_documents_equals_a_brute_force_ranking()
    {
        OnnxNative.AssertAvailable();
        var texts = Enumerable.Range(0, 12).Select(i => $"document number {i} about {(i % 3 == 0 ? "onnx runtime" : i % 3 == 1 ? "search engines" : "bread")} {new string('x', i)}").ToArray();
        File.WriteAllLines(_temp.File("corpus.tsv"), texts.Select((t, i) => $"d{i}\t{t}"));
        string[] queries = ["onnx runtime inference", "how do search engines rank"];
        File.WriteAllLines(_temp.File("queries.tsv"), queries.Select((q, i) => $"q{i}\t{q}"));

        var embed = Run("embed", "--model", ModelDir, "--corpus", _temp.File("corpus.tsv"), "--out", _temp.File("emb.parquet"));
        var search = Run("dense-search", "--model", ModelDir, "--index", _temp.File("emb.parquet"), "--queries", _temp.File("queries.tsv"),
            "--k", "5", "--out", _temp.File("run.trec"));

        Assert.Equal((CliApp.Ok, string.Empty), (embed.Exit, embed.Err));
        Assert.Equal((CliApp.Ok, string.Empty), (search.Exit, search.Err.Length > 600 ? search.Err[..600] : search.Err));
        using var encoder = BiEncoder.Open(ModelDir);
        var documents = encoder.Embed(texts);
        var run = TrecRunReader.Read(_temp.File("run.trec"));
        for (var q = 0; q < queries.Length; q++)
        {
            var query = encoder.Embed([queries[q]])[0];
            var expected = documents.Select((d, i) => (DocId: $"d{i}", Score: d.Zip(query).Sum(p => (double)p.First * p.Second)))
                .OrderByDescending(p => p.Score).ThenByDescending(p => p.DocId, StringComparer.Ordinal).Take(5).ToArray();
            var written = run.ForQuery($"q{q}")!;
            Assert.Equal(expected.Select(e => e.DocId), written.Select(w => w.DocId));
            Assert.Equal(expected.Select(e => e.Score), written.Select(w => w.Score), (a, b) => Math.Abs(a - b) <= 1e-5);
        }
    }
}
