using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace Pipeline.Onnx;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> opened with <see cref="OnnxSessionOptions"/>, with the device it
/// actually runs on and its inputs and outputs in declaration order. Thread-safe for concurrent <c>Run</c> calls
/// (as <see cref="InferenceSession"/> is); dispose once.
/// </summary>
public sealed class OnnxModelSession : IDisposable
{
    private OnnxModelSession(string modelPath, InferenceSession session, OnnxDevice device)
    {
        ModelPath = modelPath;
        Session = session;
        Device = device;
        Inputs = Describe(session.InputNames, session.InputMetadata);
        Outputs = Describe(session.OutputNames, session.OutputMetadata);
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The underlying session, for <c>Run</c>.</summary>
    public InferenceSession Session { get; }

    /// <summary>The device the session runs on: the requested one, or the CPU after a fallback.</summary>
    public OnnxDevice Device { get; }

    /// <summary>The model's inputs, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The input with this name, or null.</summary>
    public OnnxTensorInfo? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    /// <summary>The output with this name, or null.</summary>
    public OnnxTensorInfo? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);

    /// <summary>
    /// Opens a model. For a CUDA device it appends the CUDA execution provider; when that fails (no provider
    /// library, no driver, no GPU) it logs one warning (event 3000) and opens the model on the CPU, or throws
    /// when <see cref="OnnxSessionOptions.RequireGpu"/> is set.
    /// </summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="OnnxModelException">The model is invalid, the native runtime is missing, or a required GPU is unavailable.</exception>
    public static OnnxModelSession Open(string modelPath, OnnxSessionOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        options ??= OnnxSessionOptions.Default;
        options.Validate();
        logger ??= NullLogger.Instance;
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"model file not found: {modelPath}", modelPath);
        }
        var started = Stopwatch.GetTimestamp();
        var device = options.Device;
        InferenceSession? session = null;
        if (device.Kind == OnnxDeviceKind.Cuda)
        {
            string? failure = null;
            try
            {
                session = CreateSession(modelPath, options, device);
            }
            catch (Exception e) when (e is OnnxRuntimeException or CudaUnavailableException or EntryPointNotFoundException or DllNotFoundException)
            {
                failure = FirstLine(e.Message);
                if (options.RequireGpu)
                {
                    throw new OnnxModelException(modelPath,
                        $"device {device} was required but the CUDA execution provider could not be used: {failure}", e);
                }
            }
            if (session is null)
            {
                OnnxLog.CudaFallback(logger, device, failure ?? "unknown reason", modelPath);
                device = OnnxDevice.Cpu;
            }
        }
        session ??= CreateSession(modelPath, options, device);
        var result = new OnnxModelSession(modelPath, session, device);
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        OnnxLog.SessionCreated(logger, modelPath, device, result.Inputs.Count, result.Outputs.Count,
            options.IntraOpThreads, options.GraphOptimization, elapsedMs);
        return result;
    }

    private static InferenceSession CreateSession(string modelPath, OnnxSessionOptions options, OnnxDevice device)
    {
        SessionOptions sessionOptions;
        try
        {
            sessionOptions = new SessionOptions();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new OnnxModelException(modelPath,
                "the native ONNX Runtime library (libonnxruntime.so) could not be loaded from the application folder; "
                + "run eng/bootstrap.sh and rebuild (" + FirstLine(e.InnerException?.Message ?? e.Message) + ")", e);
        }
        using (sessionOptions)
        {
            sessionOptions.GraphOptimizationLevel = options.GraphOptimization;
            if (options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            }
            if (options.InterOpThreads > 0)
            {
                sessionOptions.InterOpNumThreads = options.InterOpThreads;
            }
            if (device.Kind == OnnxDeviceKind.Cuda)
            {
                CudaExecutionProvider.Append(sessionOptions, device, options.CudaProviderOptions);
            }
            try
            {
                return new InferenceSession(modelPath, sessionOptions);
            }
            catch (OnnxRuntimeException e) when (device.Kind == OnnxDeviceKind.Cpu)
            {
                throw new OnnxModelException(modelPath, "ONNX Runtime could not load the model: " + FirstLine(e.Message), e);
            }
        }
    }

    private static List<OnnxTensorInfo> Describe(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var list = new List<OnnxTensorInfo>(names.Count);
        foreach (var name in names)
        {
            var node = metadata[name];
            var dims = node.IsTensor ? node.Dimensions : [];
            var symbolic = node.IsTensor ? node.SymbolicDimensions : [];
            var shape = new long[dims.Length];
            for (var i = 0; i < dims.Length; i++)
            {
                shape[i] = dims[i];
            }
            list.Add(new OnnxTensorInfo(name, node.IsTensor ? node.ElementDataType : default, shape,
                symbolic.Select(s => s ?? string.Empty).ToArray()));
        }
        return list;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
