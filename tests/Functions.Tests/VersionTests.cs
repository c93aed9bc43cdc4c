using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public class VersionTests
{
    [Fact]
    public void Version_option_prints_the_version_and_the_commit()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["--version"], stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Matches(@"^pipeline \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\r?\n$", stdout.ToString());
    }
}
