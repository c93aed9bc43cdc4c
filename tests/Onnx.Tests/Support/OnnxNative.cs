using System.Runtime.InteropServices;

namespace Pipeline.Onnx.Tests.Support;

/// <summary>Whether the native ONNX Runtime library sits next to the test assembly and loads.</summary>
internal static class OnnxNative
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>Null when the library loads; otherwise why not.</summary>
    public static string? MissingReason => Problem.Value;

    /// <summary>Whether the environment says this is a CI build (<c>CI=true</c>), where a missing library is a failure.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the calling test (under CI=true the attribute does not skip) when the library is missing.</summary>
    public static void AssertAvailable() =>
        Assert.True(MissingReason is null, $"CI=true and {MissingReason}; run eng/bootstrap.sh and rebuild");

    private static string? FindProblem()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so");
        if (!File.Exists(path))
        {
            return $"libonnxruntime.so was not found in {AppContext.BaseDirectory}";
        }
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            return $"{path} exists but does not load";
        }
        NativeLibrary.Free(handle);
        return null;
    }
}

/// <summary>
/// A fact that needs the native ONNX Runtime library: skipped with a message when it is missing, except under
/// <c>CI=true</c>, where it runs and fails (a CI build must not pass silently without the runtime).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OnnxFactAttribute : FactAttribute
{
    public OnnxFactAttribute()
    {
        if (OnnxNative.MissingReason is { } reason && !OnnxNative.IsCi)
        {
            Skip = $"{reason}; run eng/bootstrap.sh and rebuild. Under CI=true this test fails instead of skipping.";
        }
    }
}
