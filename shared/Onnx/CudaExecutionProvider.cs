using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx;

/// <summary>
/// Appends ONNX Runtime's CUDA execution provider with its provider options. It needs a CUDA build of the core
/// library (<c>libonnxruntime.so</c> from <c>Microsoft.ML.OnnxRuntime.Gpu</c>, selected with
/// <c>-p:OnnxRuntimeFromNuGet=true</c>). The CPU build that eng/bootstrap.sh fetches answers "not enabled in this
/// build", which becomes a <see cref="CudaUnavailableException"/> (a CPU fallback or, when the GPU is required, an
/// error). We never load the CUDA provider as a plugin into the CPU build: on an H100 that combination created
/// sessions and then crashed the process (SIGSEGV in libonnxruntime.so) at the first Run (ADR 0003).
/// </summary>
internal static class CudaExecutionProvider
{
    /// <summary>Appends the CUDA provider on <paramref name="device"/> with <paramref name="providerOptions"/> (ONNX Runtime's names).</summary>
    /// <exception cref="CudaUnavailableException">The core library is a CPU build.</exception>
    /// <exception cref="OnnxRuntimeException">An option is unknown or invalid, or CUDA/cuDNN could not be loaded.</exception>
    public static void Append(SessionOptions sessionOptions, OnnxDevice device, IReadOnlyDictionary<string, string>? providerOptions)
    {
        OrtCUDAProviderOptions cuda;
        try
        {
            cuda = new OrtCUDAProviderOptions();
        }
        catch (OnnxRuntimeException e)
        {
            throw new CudaUnavailableException(
                "this libonnxruntime.so is ONNX Runtime's CPU build, which cannot run the CUDA execution provider ("
                + e.Message.Trim() + "); build with -p:OnnxRuntimeFromNuGet=true where Microsoft.ML.OnnxRuntime.Gpu restores", e);
        }
        using (cuda)
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in providerOptions ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }
            settings["device_id"] = device.DeviceId.ToString(CultureInfo.InvariantCulture);
            cuda.UpdateOptions(settings);
            sessionOptions.AppendExecutionProvider_CUDA(cuda);
        }
    }
}

/// <summary>The CUDA execution provider cannot be used with this build of ONNX Runtime.</summary>
internal sealed class CudaUnavailableException(string message, Exception inner) : Exception(message, inner);
