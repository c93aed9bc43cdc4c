using System.Globalization;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats.Trec;
using Pipeline.Functions.Cli;
using Pipeline.Onnx.Tests.Support;
using Pipeline.Reranking;

namespace Pipeline.Functions.Tests;

public sealed class RerankCommandTests : IDisposable
{
    private static readonly string ModelDir = Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_cross");

    private static readonly (string Id, string Title, string Text)[] Documents =
    [
        ("d1", "ONNX Runtime", "a cross-platform inference engine for machine learning models"),
        ("d2", "", "the quick brown fox jumps over the lazy dog"),
        ("d3", "Transformers", "attention is all you need, and a good tokenizer"),
        ("d4", "", "short"),
        ("d5", "BM25", "a ranking function used by search engines to estimate relevance"),
        ("d6", "Unrelated", "recipes for sourdough bread with a long fermentation"),
    ];

    private static readonly (string Id, string Text)[] Queries =
    [
        ("q1", "what is onnx runtime"),
        ("q2", "how do search engines rank documents"),
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string WriteInputs(IEnumerable<string>? runLines = null, IEnumerable<(string Id, string Title, string Text)>? documents = null)
    {
        File.WriteAllLines(_temp.File("corpus.tsv"), (documents ?? Documents).Select(d => $"{d.Id}\t{d.Text}\t{d.Title}"));
        File.WriteAllLines(_temp.File("queries.tsv"), Queries.Select(q => $"{q.Id}\t{q.Text}"));
        // First stage: q1 retrieves all six documents, q2 four; scores descend with the doc number.
        runLines ??=
        [
            .. Documents.Select((d, i) => $"q1 Q0 {d.Id} {i + 1} {10 - i} bm25"),
            .. Documents.Take(4).Select((d, i) => $"q2 Q0 {d.Id} {i + 1} {(20 - i).ToString(CultureInfo.InvariantCulture)} bm25"),
        ];
        File.WriteAllLines(_temp.File("in.trec"), runLines);
        return _temp.Path;
    }

    private string[] Args(int depth, params string[] extra) =>
    [
        "rerank", "--model", ModelDir, "--queries", _temp.File("queries.tsv"), "--corpus", _temp.File("corpus.tsv"),
        "--run", _temp.File("in.trec"), "--depth", depth.ToString(CultureInfo.InvariantCulture), "--out", _temp.File("out.trec"), .. extra,
    ];

    private static string TextOf(string docId)
    {
        var d = Documents.Single(d => d.Id == docId);
        return d.Title.Length == 0 ? d.Text : $"{d.Title} {d.Text}";
    }

    [OnnxFact]
    public void The_reranked_run_holds_the_model_scores_of_the_top_depth_documents()
    {
        OnnxNative.AssertAvailable();
        WriteInputs();

        var (exit, output, error) = Run(Args(3, "--run-tag", "tiny"));

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal($"reranked 2 queries at depth 3, wrote 6 lines to {_temp.File("out.trec")}\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("rerank: 2/2 queries, 6 pairs", error, StringComparison.Ordinal);
        var run = TrecRunReader.Read(_temp.File("out.trec"));
        Assert.Equal("tiny", run.RunId);
        Assert.Equal(["q1", "q2"], run.QueryIds);
        using var encoder = CrossEncoder.Open(ModelDir);
        foreach (var queryId in new[] { "q1", "q2" })
        {
            string[] top = ["d1", "d2", "d3"];
            var expected = encoder.Score(Queries.Single(q => q.Id == queryId).Text, top.Select(TextOf).ToList());
            var written = run.ForQuery(queryId)!.ToDictionary(d => d.DocId, d => d.Score);
            Assert.Equal(top.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
            for (var i = 0; i < top.Length; i++)
            {
                Assert.Equal(expected[i], written[top[i]], 1e-6);
            }
        }
    }

    [OnnxFact]
    public void The_output_is_in_trec_eval_order_with_ranks_from_one()
    {
        OnnxNative.AssertAvailable();
        WriteInputs();

        var (exit, _, _) = Run(Args(100));

        Assert.Equal(CliApp.Ok, exit);
        var lines = File.ReadAllLines(_temp.File("out.trec")).Select(l => l.Split(' ')).ToArray();
        Assert.Equal(10, lines.Length);
        foreach (var group in lines.GroupBy(l => l[0]))
        {
            var rows = group.ToArray();
            Assert.Equal(Enumerable.Range(1, rows.Length).Select(r => r.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[3]));
            var scores = rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(scores.OrderDescending(), scores);
            Assert.Equal(["rerank"], rows.Select(r => r[5]).Distinct());
        }
    }

    [OnnxFact]
    public void The_depth_is_taken_in_trec_eval_order_not_file_order()
    {
        OnnxNative.AssertAvailable();
        // File order puts d6 first with the lowest score; ties at 5 go to the larger doc id (d5 before d4).
        WriteInputs(["q1 Q0 d6 1 1 bm25", "q1 Q0 d1 2 9 bm25", "q1 Q0 d4 3 5 bm25", "q1 Q0 d5 4 5 bm25", "q1 Q0 d2 5 3 bm25"]);

        var (exit, _, error) = Run(Args(2));

        Assert.Equal(CliApp.Ok, exit);
        Assert.DoesNotContain("error", error, StringComparison.Ordinal);
        var run = TrecRunReader.Read(_temp.File("out.trec"));
        Assert.Equal(["d1", "d5"], run.ForQuery("q1")!.Select(d => d.DocId).Order(StringComparer.Ordinal));
        Assert.Equal(2, run.LineCount);
    }

    [OnnxFact]
    public void Unknown_document_ids_in_the_run_are_named_and_exit_2()
    {
        OnnxNative.AssertAvailable();
        WriteInputs(["q1 Q0 d1 1 3 bm25", "q1 Q0 ghost-2 2 2 bm25", "q1 Q0 ghost-1 3 1 bm25"]);

        var (exit, _, error) = Run(Args(10));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: 2 document id(s) of the run are not in the corpus {_temp.File("corpus.tsv")}: 'ghost-1', 'ghost-2'\n",
            error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(_temp.File("out.trec")));
    }

    [OnnxFact]
    public void Unknown_documents_below_the_depth_are_not_needed()
    {
        OnnxNative.AssertAvailable();
        WriteInputs(["q1 Q0 d1 1 3 bm25", "q1 Q0 ghost 2 1 bm25"]);

        var (exit, _, _) = Run(Args(1));

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(["d1"], TrecRunReader.Read(_temp.File("out.trec")).ForQuery("q1")!.Select(d => d.DocId));
    }

    [OnnxFact]
    public void An_empty_document_is_named_and_exits_2()
    {
        OnnxNative.AssertAvailable();
        WriteInputs(["q1 Q0 d1 1 3 bm25", "q1 Q0 blank 2 2 bm25"], [.. Documents, ("blank", "", "")]);

        var (exit, _, error) = Run(Args(10));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: 1 document(s) to rerank have no text in {_temp.File("corpus.tsv")} (title and text empty): 'blank'\n",
            error.ReplaceLineEndings("\n"));
    }

    [OnnxFact]
    public void A_query_of_the_run_missing_from_the_queries_file_exits_2()
    {
        OnnxNative.AssertAvailable();
        WriteInputs(["q9 Q0 d1 1 3 bm25"]);

        var (exit, _, error) = Run(Args(10));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: 1 query id(s) of the run are not in the queries file: 'q9'\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_model_folder_without_model_onnx_exits_2_naming_the_file()
    {
        WriteInputs();
        var empty = Directory.CreateDirectory(_temp.File("no-model")).FullName;
        var args = Args(10);
        args[2] = empty;

        var (exit, _, error) = Run(args);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith($"error: {Path.Combine(empty, "model.onnx")}: model file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depth_below_one_exits_2()
    {
        WriteInputs();

        var (exit, _, error) = Run(Args(0));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: --depth must be at least 1, got 0\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_unknown_device_exits_2()
    {
        WriteInputs();

        var (exit, _, error) = Run(Args(10, "--device", "tpu"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: unknown --device 'tpu': expected cpu, cuda or cuda:N\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("use_tf32", "error: --cuda-option 'use_tf32': expected NAME=VALUE\n")]
    [InlineData("device_id=1", "error: the CUDA device comes from Device (cuda:N), not from a device_id provider option (Parameter 'CudaProviderOptions')\n")]
    public void A_malformed_or_contradicting_cuda_option_exits_2(string option, string message)
    {
        WriteInputs();

        var (exit, _, error) = Run(Args(10, "--device", "cuda", "--cuda-option", option));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(message, error.ReplaceLineEndings("\n"));
    }
}
