using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pipeline.Onnx.Tests.Support;

namespace Pipeline.Onnx.Tests;

public sealed class OnnxModelSessionTests
{
    private const double Tolerance = 1e-5;

    [OnnxFact]
    public void The_cross_encoder_declares_three_int64_inputs_and_a_batch_by_one_logits_output()
    {
        OnnxNative.AssertAvailable();
        using var session = OnnxModelSession.Open(Golden.ModelPath("tiny_bert_cross"));

        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], session.Inputs.Select(i => i.Name));
        Assert.All(session.Inputs, i => Assert.Equal(TensorElementType.Int64, i.ElementType));
        Assert.Equal([-1L, -1L], session.Inputs[0].Shape);
        Assert.Equal(["batch", "seq"], session.Inputs[0].SymbolicShape);
        var logits = Assert.Single(session.Outputs);
        Assert.Equal("logits float [batch,1]", logits.ToString());
        Assert.Equal(OnnxDevice.Cpu, session.Device);
    }

    [OnnxFact]
    public void The_bi_encoder_declares_last_hidden_state_and_sentence_embedding()
    {
        OnnxNative.AssertAvailable();
        using var session = OnnxModelSession.Open(Golden.ModelPath("tiny_bert_bi"));

        Assert.Equal(["last_hidden_state float [batch,seq,64]", "sentence_embedding float [batch,64]"],
            session.Outputs.Select(o => o.ToString()));
        Assert.Equal("token_type_ids", session.FindInput("token_type_ids")?.Name);
        Assert.Null(session.FindOutput("logits"));
    }

    [OnnxFact]
    public void The_cross_encoder_reproduces_its_numpy_logits()
    {
        OnnxNative.AssertAvailable();
        var golden = Golden.Load("tiny_bert_cross");
        using var session = OnnxModelSession.Open(Golden.ModelPath("tiny_bert_cross"));

        var outputs = Run(session, golden);

        AssertClose(golden.Flat("logits"), outputs["logits"]);
    }

    [OnnxFact]
    public void The_bi_encoder_reproduces_its_numpy_hidden_states_and_embeddings()
    {
        OnnxNative.AssertAvailable();
        var golden = Golden.Load("tiny_bert_bi");
        using var session = OnnxModelSession.Open(Golden.ModelPath("tiny_bert_bi"),
            new OnnxSessionOptions { IntraOpThreads = 1, GraphOptimization = GraphOptimizationLevel.ORT_DISABLE_ALL });

        var outputs = Run(session, golden);

        AssertClose(golden.Flat("last_hidden_state"), outputs["last_hidden_state"]);
        AssertClose(golden.Flat("sentence_embedding"), outputs["sentence_embedding"]);
    }

    [OnnxFact]
    public void A_cuda_device_without_the_cuda_provider_falls_back_to_the_cpu_with_one_warning()
    {
        OnnxNative.AssertAvailable();
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime_providers_cuda.so")),
            "this test expects the CPU build of ONNX Runtime that eng/bootstrap.sh fetches");
        var logger = new ListLogger();

        using var session = OnnxModelSession.Open(Golden.ModelPath("tiny_bert_cross"),
            new OnnxSessionOptions { Device = OnnxDevice.Parse("cuda:0") }, logger);

        Assert.Equal(OnnxDevice.Cpu, session.Device);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(3000, warning.EventId);
        Assert.StartsWith("ONNX Runtime CUDA execution provider unavailable for cuda:0 (this libonnxruntime.so is ONNX Runtime's CPU build, "
            + "which cannot run the CUDA execution provider (", warning.Message, StringComparison.Ordinal);
        Assert.Contains("build with -p:OnnxRuntimeFromNuGet=true", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith($"); running {Golden.ModelPath("tiny_bert_cross")} on the CPU", warning.Message, StringComparison.Ordinal);
    }

    [OnnxFact]
    public void A_required_gpu_that_cannot_be_used_is_an_error_naming_the_model_and_device()
    {
        OnnxNative.AssertAvailable();
        var path = Golden.ModelPath("tiny_bert_cross");

        var error = Assert.Throws<OnnxModelException>(() => OnnxModelSession.Open(path,
            new OnnxSessionOptions { Device = OnnxDevice.Parse("cuda:1"), RequireGpu = true }));

        Assert.Equal(path, error.ModelPath);
        Assert.StartsWith($"{path}: device cuda:1 was required but the CUDA execution provider could not be used: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("device_id", "1", "the CUDA device comes from Device (cuda:N), not from a device_id provider option")]
    [InlineData(" ", "1", "CUDA provider options need a name and a value")]
    public void Cuda_provider_options_that_would_contradict_the_device_or_have_no_name_are_rejected(string key, string value, string message)
    {
        var options = new OnnxSessionOptions
        {
            Device = OnnxDevice.Parse("cuda:0"),
            CudaProviderOptions = new Dictionary<string, string> { [key] = value },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [OnnxFact]
    public void A_file_that_is_not_a_model_is_an_error_naming_the_file()
    {
        OnnxNative.AssertAvailable();
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "this is not protobuf");
        try
        {
            var error = Assert.Throws<OnnxModelException>(() => OnnxModelSession.Open(path));

            Assert.Equal(path, error.ModelPath);
            Assert.StartsWith($"{path}: ONNX Runtime could not load the model: ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_model_file_is_a_file_not_found_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxModelSession.Open(path));

        Assert.Equal(path, error.FileName);
    }

    private static Dictionary<string, float[]> Run(OnnxModelSession session, Golden golden)
    {
        var names = new[] { "input_ids", "attention_mask", "token_type_ids" };
        var values = new List<OrtValue>();
        try
        {
            foreach (var name in names)
            {
                var rows = golden.Int64Rows(name);
                values.Add(OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]));
            }
            using var runOptions = new RunOptions();
            var outputNames = session.Outputs.Select(o => o.Name).ToArray();
            using var outputs = session.Session.Run(runOptions, names, values, outputNames);
            return outputNames.Zip(outputs).ToDictionary(p => p.First, p => p.Second.GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(maxDiff <= Tolerance, $"max abs diff {maxDiff:E3} > {Tolerance:E0}");
    }
}
