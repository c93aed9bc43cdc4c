namespace Pipeline.Onnx;

/// <summary>The kind of device an ONNX Runtime session runs on.</summary>
public enum OnnxDeviceKind
{
    /// <summary>The default CPU execution provider.</summary>
    Cpu,

    /// <summary>The CUDA execution provider on one NVIDIA GPU.</summary>
    Cuda,
}
