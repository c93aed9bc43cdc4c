using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public class EvalCommandTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "eval", name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void All_trec_per_query_output_is_identical_to_trec_eval()
    {
        var (exit, output, error) = Run("eval", "-q", "-c", "-m", "all_trec", Data("qrels.txt"), Data("run.txt"));

        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(File.ReadAllText(Data("expected.all_trec.q.c.txt")), output);
    }

    [Fact]
    public void Repeated_measures_and_a_document_limit_give_trec_eval_output()
    {
        var (exit, output, _) = Run("eval", "-c", "-M", "10", "-m", "recip_rank", "-m", "P.5", Data("qrels.txt"), Data("run.txt"));

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(File.ReadAllText(Data("expected.mrr10.c.txt")), output);
    }

    [Fact]
    public void A_malformed_run_is_bad_input_reported_with_its_file_and_line()
    {
        var (exit, output, error) = Run("eval", Data("qrels.txt"), Data("run.malformed.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"error: {Data("run.malformed.txt")}:2: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_run_is_bad_input()
    {
        var (exit, _, error) = Run("eval", Data("qrels.txt"), Data("run.empty.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        var missing = Data("no-such-run.txt");

        var (exit, _, error) = Run("eval", Data("qrels.txt"), missing);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: run file not found: {missing}", error.TrimEnd());
    }

    [Fact]
    public void An_unknown_measure_is_bad_input()
    {
        var (exit, _, error) = Run("eval", "-m", "nope", Data("qrels.txt"), Data("run.txt"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.StartsWith("error: unknown measure 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_trec_eval_options()
    {
        var (exit, output, _) = Run("eval", "--help");

        Assert.Equal(CliApp.Ok, exit);
        foreach (var option in new[] { "-q", "-c", "-l", "-M", "-m", "-n", "-J", "-N", "all_trec", "official", "qrels", "run" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
