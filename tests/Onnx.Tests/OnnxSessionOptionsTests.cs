using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx.Tests;

public sealed class OnnxSessionOptionsTests
{
    [Fact]
    public void Defaults_are_cpu_runtime_chosen_threads_all_optimisations_and_gpu_not_required()
    {
        var options = OnnxSessionOptions.Default;

        Assert.Equal(OnnxDevice.Cpu, options.Device);
        Assert.False(options.RequireGpu);
        Assert.Equal(0, options.IntraOpThreads);
        Assert.Equal(0, options.InterOpThreads);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimization);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1025, 0)]
    [InlineData(0, -1)]
    public void Validate_rejects_thread_counts_out_of_bounds(int intraOp, int interOp)
    {
        var options = new OnnxSessionOptions { IntraOpThreads = intraOp, InterOpThreads = interOp };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(intraOp != 0 ? "IntraOpThreads" : "InterOpThreads", error.ParamName);
    }
}
