using System.Text.Json;
using Pipeline.Onnx;
using Pipeline.Onnx.Tests.Support;
using Pipeline.Tokenization;

namespace Pipeline.Reranking.Tests;

public sealed class CrossEncoderTests
{
    private const double Tolerance = 1e-5;
    private static readonly string ModelDir = Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_cross");

    // The same model with another head appended (tests/Onnx.Tests/data/models/make_logit_variants.py).
    private static string HeadVariant(string name) => Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_cross_" + name);

    private static (long[][] Ids, long[][] Mask, long[][] Types, float[] Logits) Golden()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_cross.golden.json")));
        var root = json.RootElement;
        long[][] Rows(string key) => root.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        return (Rows("input_ids"), Rows("attention_mask"), Rows("token_type_ids"),
            root.GetProperty("logits").EnumerateArray().Select(r => r[0].GetSingle()).ToArray());
    }

    private static TokenEncoding Unpadded(long[] ids, long[] mask, long[] types)
    {
        var length = mask.Count(m => m == 1);
        return new TokenEncoding(ids.Take(length).Select(i => (int)i).ToArray(), types.Take(length).Select(t => (int)t).ToArray());
    }

    [OnnxFact]
    public void The_golden_batch_scores_as_the_numpy_reference()
    {
        OnnxNative.AssertAvailable();
        var golden = Golden();
        using var encoder = CrossEncoder.Open(ModelDir);
        var inputs = Enumerable.Range(0, 2).Select(r => Unpadded(golden.Ids[r], golden.Mask[r], golden.Types[r])).ToList();

        var scores = encoder.ScoreEncoded(inputs);

        Assert.Equal(2, scores.Length);
        var maxDiff = scores.Zip(golden.Logits).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(maxDiff <= Tolerance, $"max abs diff {maxDiff:E3}");
    }

    [OnnxFact]
    public void Hello_world_through_the_tokenizer_scores_as_the_numpy_reference()
    {
        OnnxNative.AssertAvailable();
        var golden = Golden();
        using var encoder = CrossEncoder.Open(ModelDir);

        var encoding = encoder.Tokenizer.Encode("Hello world!");
        var score = encoder.ScoreEncoded([encoding])[0];

        Assert.Equal(golden.Ids[1].Take(5).Select(i => (int)i), encoding.Ids);
        Assert.True(Math.Abs(score - golden.Logits[1]) <= Tolerance, $"score {score} vs {golden.Logits[1]}");
    }

    [OnnxFact]
    public void A_pairs_score_does_not_depend_on_its_batch()
    {
        OnnxNative.AssertAvailable();
        using var encoder = CrossEncoder.Open(ModelDir);
        const string query = "what is onnx runtime?";
        string[] documents =
        [
            "ONNX Runtime is a cross-platform inference engine.",
            "A much longer document about machine learning inference engines, graph optimisations, execution providers, "
                + "quantisation and the many ways a transformer model can be served in production on CPUs and GPUs.",
            "short",
        ];

        var alone = encoder.Score(query, [documents[0]]);
        var together = encoder.Score(query, documents);

        var diff = Math.Abs(alone[0] - together[0]);
        Assert.True(diff <= Tolerance, $"alone {alone[0]} vs batched {together[0]}");
        Assert.Equal(3, together.Length);
    }

    [OnnxFact]
    public void A_small_token_budget_gives_the_same_scores_as_one_batch()
    {
        OnnxNative.AssertAvailable();
        var documents = Enumerable.Range(0, 20).Select(i => string.Join(' ', Enumerable.Repeat($"token{i} text", 1 + i))).ToArray();
        using var wide = CrossEncoder.Open(ModelDir);
        using var narrow = CrossEncoder.Open(ModelDir, new CrossEncoderOptions { TokenBudget = 512, MaxBatchSize = 3 });

        var a = wide.Score("query text", documents);
        var b = narrow.Score("query text", documents);

        var maxDiff = a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff <= Tolerance, $"max abs diff {maxDiff:E3}");
    }

    [OnnxFact]
    public void Passage_windows_aggregate_by_max_first_and_sum()
    {
        OnnxNative.AssertAvailable();
        var document = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var windowOptions = new CrossEncoderOptions { PassageLength = 40, PassageStride = 30 };
        using var max = CrossEncoder.Open(ModelDir, windowOptions);
        using var first = CrossEncoder.Open(ModelDir, windowOptions with { Aggregation = PassageAggregation.First });
        using var sum = CrossEncoder.Open(ModelDir, windowOptions with { Aggregation = PassageAggregation.Sum });
        var tokens = max.Tokenizer.Tokenize(document);
        var query = max.Tokenizer.Tokenize("query");
        var windows = new List<TokenEncoding>();
        for (var start = 0; ; start += 30)
        {
            windows.Add(max.Tokenizer.Assemble(query, tokens.GetRange(start, Math.Min(40, tokens.Count - start)), null, TruncationStrategy.OnlySecond));
            if (start + 40 >= tokens.Count)
            {
                break;
            }
        }
        var windowScores = max.ScoreEncoded(windows);

        Assert.True(windows.Count >= 3, $"{tokens.Count} tokens gave {windows.Count} windows");
        Assert.Equal(windowScores.Max(), max.Score("query", [document])[0], 5);
        Assert.Equal(windowScores[0], first.Score("query", [document])[0], 5);
        Assert.Equal(windowScores.Sum(), sum.Score("query", [document])[0], 4);
    }

    [OnnxFact]
    public void A_long_document_is_cut_to_the_maximum_length()
    {
        OnnxNative.AssertAvailable();
        var document = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}"));
        using var encoder = CrossEncoder.Open(ModelDir, new CrossEncoderOptions { MaxLength = 128 });
        var query = encoder.Tokenizer.Tokenize("query");
        var expected = encoder.ScoreEncoded([encoder.Tokenizer.Assemble(query, encoder.Tokenizer.Tokenize(document).GetRange(0, 128 - 3 - query.Count), null, TruncationStrategy.OnlySecond)]);

        var score = encoder.Score("query", [document]);

        Assert.Equal(expected[0], score[0], 5);
    }

    [OnnxFact]
    public void A_two_logit_head_scores_the_softmax_probability_of_class_one()
    {
        OnnxNative.AssertAvailable();
        using var oneLogit = CrossEncoder.Open(ModelDir);
        using var twoLogits = CrossEncoder.Open(HeadVariant("2logits"));
        (string, string)[] pairs =
        [
            ("what is onnx runtime?", "ONNX Runtime is a cross-platform inference engine."),
            ("what is onnx runtime?", "short"),
            ("bm25 term saturation", "Okapi BM25 ranks documents by term frequency with saturation controlled by k1 and length "
                + "normalisation controlled by b; it remains a strong first-stage baseline for reranking."),
            ("cross-encoder", ""),
        ];

        // The variant's logits are concat(-x, x) for the base model's x, so softmax(...)[1] = sigmoid(2x).
        var x = oneLogit.Score(pairs);
        var probabilities = twoLogits.Score(pairs);

        Assert.Equal("logits float [batch,2]", twoLogits.ScoreOutput.ToString());
        var expected = x.Select(v => 1.0 / (1.0 + Math.Exp(-2.0 * v))).ToArray();
        Assert.Equal(pairs.Length, probabilities.Length);
        var maxDiff = probabilities.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff <= Tolerance, $"max abs diff {maxDiff:E3}: [{string.Join(", ", probabilities)}] vs [{string.Join(", ", expected)}]");
    }

    [OnnxFact]
    public void A_model_with_three_logits_is_an_error_naming_the_file_and_the_shape()
    {
        OnnxNative.AssertAvailable();
        var path = Path.Combine(HeadVariant("3logits"), "model.onnx");

        var error = Assert.Throws<OnnxModelException>(() => CrossEncoder.Open(HeadVariant("3logits")));

        Assert.Equal(path, error.ModelPath);
        Assert.Equal(
            $"{path}: output 'logits float [batch,3]' is not a cross-encoder's scores: expected logits [batch,1] (a relevance logit) or [batch,2] (softmax, class 1 = relevant)",
            error.Message);
    }

    [OnnxFact]
    public void A_model_that_declares_a_dynamic_class_count_and_returns_three_fails_when_scoring()
    {
        OnnxNative.AssertAvailable();
        var path = Path.Combine(HeadVariant("3logits_dynamic"), "model.onnx");
        using var encoder = CrossEncoder.Open(HeadVariant("3logits_dynamic"));

        var error = Assert.Throws<OnnxModelException>(() => encoder.Score("query", ["one document", "another document"]));

        Assert.Equal(path, error.ModelPath);
        Assert.Equal($"{path}: output 'logits' has shape [2,3] for a batch of 2: expected [2,1] or [2,2]", error.Message);
    }

    [Fact]
    public void A_folder_without_model_onnx_is_an_error_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("no-model-");
        try
        {
            var error = Assert.Throws<OnnxModelException>(() => CrossEncoder.Open(folder.FullName));

            Assert.Equal(Path.Combine(folder.FullName, "model.onnx"), error.ModelPath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Defaults_are_pinned()
    {
        var options = CrossEncoderOptions.Default;

        Assert.Equal((512, 64, 16_384, 128, (int?)null, 0, PassageAggregation.Max, 16),
            (options.MaxLength, options.MaxQueryTokens, options.TokenBudget, options.MaxBatchSize, options.PassageLength,
             options.PassageStride, options.Aggregation, options.MaxPassagesPerDocument));
    }

    [Fact]
    public void A_token_budget_below_the_maximum_length_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEncoderOptions { TokenBudget = 100 }.Validate());

        Assert.Equal("TokenBudget", error.ParamName);
    }
}
