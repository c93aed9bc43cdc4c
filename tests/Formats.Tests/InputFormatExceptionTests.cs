namespace Pipeline.Formats.Tests;

public class InputFormatExceptionTests
{
    [Fact]
    public void Message_starts_with_path_and_line()
    {
        var e = new InputFormatException("runs/a.txt", 12, "score 'x' is not a finite number");

        Assert.Equal("runs/a.txt:12: score 'x' is not a finite number", e.Message);
        Assert.Equal("runs/a.txt", e.Path);
        Assert.Equal(12, e.LineNumber);
        Assert.Equal("score 'x' is not a finite number", e.Reason);
    }

    [Fact]
    public void Message_of_a_whole_file_problem_has_no_line()
    {
        var e = new InputFormatException("q.tsv", 0, "no queries");

        Assert.Equal("q.tsv: no queries", e.Message);
    }

    [Fact]
    public void Inner_exception_is_kept()
    {
        var inner = new InvalidDataException("zlib said no");

        var e = new InputFormatException("c.gz", 3, "corrupt gzip data", inner);

        Assert.Equal("c.gz:3: corrupt gzip data", e.Message);
        Assert.Same(inner, e.InnerException);
    }
}
