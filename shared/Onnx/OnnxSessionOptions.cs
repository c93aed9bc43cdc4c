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

    /// <summary>
    /// Options for ONNX Runtime's CUDA execution provider, by their ONNX Runtime names (for example <c>use_tf32</c>,
    /// <c>gpu_mem_limit</c>, <c>arena_extend_strategy</c>, <c>cudnn_conv_algo_search</c>, <c>do_copy_in_default_stream</c>);
    /// used only when <see cref="Device"/> is CUDA. <c>device_id</c> comes from <see cref="Device"/> and may not be
    /// given here. Default: none (ONNX Runtime's defaults).
    /// </summary>
    public IReadOnlyDictionary<string, string>? CudaProviderOptions { get; init; }

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
        if (CudaProviderOptions is not null)
        {
            foreach (var (key, value) in CudaProviderOptions)
            {
                if (string.IsNullOrWhiteSpace(key) || value is null)
                {
                    throw new ArgumentException("CUDA provider options need a name and a value", nameof(CudaProviderOptions));
                }
                if (key == "device_id")
                {
                    throw new ArgumentException("the CUDA device comes from Device (cuda:N), not from a device_id provider option", nameof(CudaProviderOptions));
                }
            }
        }
        if (!Enum.IsDefined(GraphOptimization))
        {
            throw new ArgumentOutOfRangeException(nameof(GraphOptimization), GraphOptimization, "unknown graph optimisation level");
        }
    }
}
