using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx;

/// <summary>How to create an ONNX Runtime session. Defaults: CPU, ONNX Runtime's thread counts, all graph optimisations.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>The defaults.</summary>
    public static OnnxSessionOptions Default { get; } = new();

    /// <summary>The requested device. Default <see cref="OnnxDevice.Cpu"/>.</summary>
    public OnnxDevice Device { get; init; } = OnnxDevice.Cpu;

    /// <summary>
    /// When the device is CUDA and its execution provider cannot be loaded: true fails session creation with an
    /// <see cref="OnnxModelException"/>; false (the default) logs one warning and runs on the CPU.
    /// </summary>
    public bool RequireGpu { get; init; }

    /// <summary>Threads inside one operator; 0 (the default) lets ONNX Runtime choose (one per physical core). 0..1024.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators (parallel execution mode only); 0 (the default) lets ONNX Runtime choose. 0..1024.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Graph optimisation level. Default <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>.</summary>
    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of its bounds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IntraOpThreads, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpThreads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InterOpThreads, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(Device.DeviceId);
        if (!Enum.IsDefined(GraphOptimization))
        {
            throw new ArgumentOutOfRangeException(nameof(GraphOptimization), GraphOptimization, "unknown graph optimisation level");
        }
    }
}
