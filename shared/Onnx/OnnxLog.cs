using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx;

/// <summary>Log messages of Pipeline.Onnx; event ids 3000..3099.</summary>
internal static partial class OnnxLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "ONNX Runtime CUDA execution provider unavailable for {Device} ({Reason}); running {Model} on the CPU")]
    public static partial void CudaFallback(ILogger logger, OnnxDevice device, string reason, string model);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "ONNX session {Model} on {Device}: {InputCount} inputs, {OutputCount} outputs, intra-op threads {IntraOpThreads}, optimisation {Optimization}, {ElapsedMs} ms")]
    public static partial void SessionCreated(ILogger logger, string model, OnnxDevice device, int inputCount, int outputCount,
        int intraOpThreads, GraphOptimizationLevel optimization, long elapsedMs);
}
