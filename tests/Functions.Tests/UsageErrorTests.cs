using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public class UsageErrorTests
{
    [Fact]
    public void An_extra_argument_is_bad_input_with_an_error_line_and_a_help_hint()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["eval", "q.txt", "r.txt", "extra.txt"], stdout, stderr);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("", stdout.ToString());
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("'extra.txt'", lines[0], StringComparison.Ordinal);
        Assert.Equal("Run 'pipeline eval --help' for usage.", lines[^1].TrimEnd('\r'));
    }

    [Fact]
    public void An_option_value_of_the_wrong_type_is_bad_input()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["compare", "--seed", "abc", "q.txt", "a.txt", "b.txt"], stdout, stderr);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Contains("abc", stderr.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("Run 'pipeline compare --help' for usage.", stderr.ToString().TrimEnd());
    }

    [Fact]
    public void An_unknown_verb_is_bad_input()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["frobnicate"], stdout, stderr);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith("error: ", stderr.ToString(), StringComparison.Ordinal);
    }
}
