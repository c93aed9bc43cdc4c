using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests.Hosting;

public class ServeCommandTests
{
    [Fact]
    public void A_port_out_of_range_is_bad_input()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["serve", "--port", "70000"], stdout, stderr);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("error: --port must be between 0 and 65535, got 70000", stderr.ToString().TrimEnd());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void A_missing_input_root_is_bad_input_before_anything_listens()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-inputs-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["serve", "--port", "0", "--store", Path.GetTempPath(), "--inputs", missing], stdout, stderr);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: the input root does not exist: {missing}", stderr.ToString().TrimEnd());
        Assert.Equal("", stdout.ToString());
    }
}
