using System.Text.Json;
using Pipeline.Onnx.Tests.Support;
using Pipeline.Reranking.Dense;
using Pipeline.Tokenization;

namespace Pipeline.Reranking.Tests.Dense;

public sealed class BiEncoderTests
{
    private const double Tolerance = 1e-5;
    private static readonly string ModelDir = Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_bi");

    private static (TokenEncoding[] Inputs, float[][] Embeddings, float[][][] Hidden) Golden()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "tiny_bert_bi.golden.json")));
        var root = json.RootElement;
        int[][] Rows(string key) => root.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        var ids = Rows("input_ids");
        var mask = Rows("attention_mask");
        var types = Rows("token_type_ids");
        var inputs = ids.Select((row, r) =>
        {
            var length = mask[r].Count(m => m == 1);
            return new TokenEncoding(row[..length], types[r][..length]);
        }).ToArray();
        var embeddings = root.GetProperty("sentence_embedding").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        var hidden = root.GetProperty("last_hidden_state").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(t => t.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray()).ToArray();
        return (inputs, embeddings, hidden);
    }

    private static double MaxDiff(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs((double)p.First - p.Second));

    [Fact]
    public void Masked_mean_pooling_of_the_golden_hidden_states_gives_the_golden_sentence_embeddings()
    {
        var golden = Golden();
        for (var r = 0; r < golden.Inputs.Length; r++)
        {
            var dim = golden.Embeddings[r].Length;
            var tokens = golden.Hidden[r].SelectMany(t => t).ToArray();
            var pooled = new float[dim];

            Pooling.PoolRow(tokens, golden.Inputs[r].Length, dim, EmbeddingPooling.Mean, normalize: true, pooled);

            Assert.True(MaxDiff(pooled, golden.Embeddings[r]) <= Tolerance, $"row {r}: max abs diff {MaxDiff(pooled, golden.Embeddings[r]):E3}");
        }
    }

    [Fact]
    public void Cls_pooling_without_normalisation_is_the_first_token_vector()
    {
        var golden = Golden();
        var dim = golden.Embeddings[1].Length;
        var pooled = new float[dim];

        Pooling.PoolRow(golden.Hidden[1].SelectMany(t => t).ToArray(), golden.Inputs[1].Length, dim, EmbeddingPooling.Cls, normalize: false, pooled);

        Assert.Equal(golden.Hidden[1][0], pooled);
    }

    [OnnxFact]
    public void The_golden_batch_embeds_as_the_numpy_reference()
    {
        OnnxNative.AssertAvailable();
        var golden = Golden();
        using var encoder = BiEncoder.Open(ModelDir);

        var embeddings = encoder.EmbedEncoded(golden.Inputs);

        Assert.Equal(golden.Embeddings.Length, embeddings.Length);
        Assert.Equal(64, encoder.Dimension);
        for (var r = 0; r < embeddings.Length; r++)
        {
            Assert.True(MaxDiff(embeddings[r], golden.Embeddings[r]) <= Tolerance, $"row {r}: max abs diff {MaxDiff(embeddings[r], golden.Embeddings[r]):E3}");
        }
    }

    [OnnxFact]
    public void An_embedding_does_not_depend_on_its_batch()
    {
        OnnxNative.AssertAvailable();
        using var encoder = BiEncoder.Open(ModelDir);
        string[] texts = ["onnx runtime", "a much longer text about inference engines and their execution providers", "x"];

        var alone = encoder.Embed([texts[0]])[0];
        var together = encoder.Embed(texts);

        Assert.Equal(3, together.Length);
        Assert.True(MaxDiff(alone, together[0]) <= Tolerance, $"max abs diff {MaxDiff(alone, together[0]):E3}");
        Assert.Equal(1.0, Math.Sqrt(together[1].Sum(v => (double)v * v)), 5);
    }
}
