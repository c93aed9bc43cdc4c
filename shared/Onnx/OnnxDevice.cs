using System.Globalization;

namespace Pipeline.Onnx;

/// <summary>A device for a session: <c>cpu</c>, or <c>cuda</c> / <c>cuda:N</c> (GPU ordinal N, default 0).</summary>
/// <param name="Kind">CPU or CUDA.</param>
/// <param name="DeviceId">The CUDA device ordinal; always 0 for the CPU.</param>
public readonly record struct OnnxDevice(OnnxDeviceKind Kind, int DeviceId)
{
    /// <summary>The CPU.</summary>
    public static OnnxDevice Cpu => new(OnnxDeviceKind.Cpu, 0);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive; N a non-negative integer).</summary>
    /// <exception cref="FormatException">The text is none of these; the message lists the accepted forms.</exception>
    public static OnnxDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var device)
            ? device
            : throw new FormatException($"unknown device '{text}': expected 'cpu', 'cuda' or 'cuda:N' (N = GPU ordinal, 0 or more)");
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out OnnxDevice device)
    {
        device = Cpu;
        var value = text.AsSpan().Trim();
        if (value.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (value.Equals("cuda", StringComparison.OrdinalIgnoreCase) || value.Equals("gpu", StringComparison.OrdinalIgnoreCase))
        {
            device = new OnnxDevice(OnnxDeviceKind.Cuda, 0);
            return true;
        }
        if (value.StartsWith("cuda:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            device = new OnnxDevice(OnnxDeviceKind.Cuda, id);
            return true;
        }
        return false;
    }

    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    public override string ToString() =>
        Kind == OnnxDeviceKind.Cpu ? "cpu" : string.Create(CultureInfo.InvariantCulture, $"cuda:{DeviceId}");
}
