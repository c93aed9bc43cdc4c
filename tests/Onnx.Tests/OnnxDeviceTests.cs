namespace Pipeline.Onnx.Tests;

public sealed class OnnxDeviceTests
{
    [Theory]
    [InlineData("cpu", OnnxDeviceKind.Cpu, 0, "cpu")]
    [InlineData("CPU", OnnxDeviceKind.Cpu, 0, "cpu")]
    [InlineData("cuda", OnnxDeviceKind.Cuda, 0, "cuda:0")]
    [InlineData("gpu", OnnxDeviceKind.Cuda, 0, "cuda:0")]
    [InlineData("cuda:0", OnnxDeviceKind.Cuda, 0, "cuda:0")]
    [InlineData(" Cuda:3 ", OnnxDeviceKind.Cuda, 3, "cuda:3")]
    public void Parse_accepts_cpu_cuda_and_cuda_with_an_ordinal(string text, OnnxDeviceKind kind, int id, string canonical)
    {
        var device = OnnxDevice.Parse(text);

        Assert.Equal(new OnnxDevice(kind, id), device);
        Assert.Equal(canonical, device.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:1:2")]
    public void Parse_rejects_anything_else_with_a_message_that_lists_the_accepted_forms(string text)
    {
        var error = Assert.Throws<FormatException>(() => OnnxDevice.Parse(text));

        Assert.Equal($"unknown device '{text}': expected 'cpu', 'cuda' or 'cuda:N' (N = GPU ordinal, 0 or more)", error.Message);
    }
}
