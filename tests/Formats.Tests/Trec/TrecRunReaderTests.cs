using Pipeline.Formats.Tests.Support;
using Pipeline.Formats.Trec;

namespace Pipeline.Formats.Tests.Trec;

public sealed class TrecRunReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_keeps_file_order_per_query_and_first_appearance_order_of_queries()
    {
        var path = _dir.Write("run.txt",
            """
            q2 Q0 d3 1 2.5 tagA
            q2 Q0 d1 2 7 tagA
            q1 Q0 d1 1 -1.25e-3 tagA
            q2 Q0 d9 3 0 tagB

            """);

        var run = TrecRunReader.Read(path);

        Assert.Equal("tagA", run.RunId);
        Assert.Equal(["q2", "q1"], run.QueryIds);
        Assert.Equal(2, run.QueryCount);
        Assert.Equal(4, run.LineCount);
        Assert.Equal([new ScoredDoc("d3", 2.5), new ScoredDoc("d1", 7), new ScoredDoc("d9", 0)], run.ForQuery("q2"));
        Assert.Equal([new ScoredDoc("d1", -0.00125)], run.ForQuery("q1"));
        Assert.Null(run.ForQuery("q3"));
    }

    [Fact]
    public void Tabs_runs_of_spaces_crlf_bom_and_blank_lines_are_tolerated()
    {
        var path = _dir.Write("run.txt", "\uFEFF1\tQ0\td1\t1\t3.5\tr\r\n\r\n  \t \r\n1  Q0 d2   2 +2.5  r  \r\n");

        var run = TrecRunReader.Read(path);

        Assert.Equal([new ScoredDoc("d1", 3.5), new ScoredDoc("d2", 2.5)], run.ForQuery("1"));
        Assert.Equal(2, run.LineCount);
    }

    [Fact]
    public void Gzip_run_is_read()
    {
        var path = _dir.WriteGzip("run.txt.gz", "1 Q0 d1 1 3.5 r\n");

        Assert.Equal([new ScoredDoc("d1", 3.5)], TrecRunReader.Read(path).ForQuery("1"));
    }

    [Fact]
    public void Query_that_comes_back_after_another_continues_its_list()
    {
        var path = _dir.Write("run.txt", "1 Q0 a 1 3 r\n2 Q0 a 1 3 r\n1 Q0 b 2 2 r\n2 Q0 b 2 2 r\n1 Q0 c 3 1 r\n");

        var run = TrecRunReader.Read(path);

        Assert.Equal(["1", "2"], run.QueryIds);
        Assert.Equal(["a", "b", "c"], run.ForQuery("1")!.Select(d => d.DocId));
        Assert.Equal(["a", "b"], run.ForQuery("2")!.Select(d => d.DocId));
    }

    [Fact]
    public void Scores_and_ranks_take_every_decimal_form()
    {
        var path = _dir.Write("run.txt", "1 Q0 a -3 1E+300 r\n1 Q0 b +0 .5 r\n1 Q0 c 007 5. r\n1 Q0 d 1 -0 r\n1 Q0 e 1 4.9406564584124654E-324 r\n");

        var scores = TrecRunReader.Read(path).ForQuery("1")!.Select(d => d.Score).ToList();

        Assert.Equal([1e300, 0.5, 5.0, -0.0, double.Epsilon], scores);
    }

    [Fact]
    public void Anserini_sample_run_is_read()
    {
        var run = TrecRunReader.Read(Fixtures.Path("cacm", "cacm-bm25.anserini-sample-run.head40.txt"));

        Assert.Equal("Anserini", run.RunId);
        Assert.Equal(["1", "2"], run.QueryIds);
        Assert.Equal(40, run.LineCount);
        Assert.Equal(30, run.ForQuery("1")!.Count);
        Assert.Equal(new ScoredDoc("CACM-1938", 12.033), run.ForQuery("1")![0]);
        Assert.Equal(10, run.ForQuery("2")!.Count);
    }

    [Theory]
    [InlineData("1 Q0 d2 2 1.0", "expected 6 fields 'query-id Q0 doc-id rank score run-tag', found 5")]
    [InlineData("1 Q0 d2 2 1.0 r extra", "expected 6 fields 'query-id Q0 doc-id rank score run-tag', found 7")]
    [InlineData("1 Q0 d2 2.0 1.0 r", "rank '2.0' is not an integer")]
    [InlineData("1 Q0 d2 two 1.0 r", "rank 'two' is not an integer")]
    [InlineData("1 Q0 d2 99999999999999999999 1.0 r", "rank '99999999999999999999' is not an integer")]
    [InlineData("1 Q0 d2 2 high r", "score 'high' is not a finite number")]
    [InlineData("1 Q0 d2 2 1,5 r", "score '1,5' is not a finite number")]
    [InlineData("1 Q0 d2 2 NaN r", "score 'NaN' is not a finite number")]
    [InlineData("1 Q0 d2 2 Infinity r", "score 'Infinity' is not a finite number")]
    [InlineData("1 Q0 d2 2 -inf r", "score '-inf' is not a finite number")]
    [InlineData("1 Q0 d2 2 1e999 r", "score '1e999' is not a finite number")]
    [InlineData("1 Q0 d1 2 1.0 r", "document 'd1' appears twice for query '1'")]
    public void Bad_lines_are_reported_with_their_line(string line, string reason)
    {
        var path = _dir.Write("run.txt", $"1 Q0 d1 1 2.0 r\n\n{line}\n1 Q0 d9 9 0 r\n");

        var e = Assert.Throws<InputFormatException>(() => TrecRunReader.Read(path));

        Assert.Equal($"{path}:3: {reason}", e.Message);
    }

    [Fact]
    public void Duplicate_document_of_a_query_that_came_back_is_reported()
    {
        var path = _dir.Write("run.txt", "1 Q0 a 1 3 r\n2 Q0 a 1 3 r\n1 Q0 b 2 2 r\n2 Q0 c 2 2 r\n1 Q0 a 3 1 r\n");

        var e = Assert.Throws<InputFormatException>(() => TrecRunReader.Read(path));

        Assert.Equal($"{path}:5: document 'a' appears twice for query '1'", e.Message);
    }

    [Fact]
    public void Same_document_under_different_queries_is_fine()
    {
        var path = _dir.Write("run.txt", "1 Q0 a 1 3 r\n2 Q0 a 1 3 r\n3 Q0 a 1 3 r\n");

        var run = TrecRunReader.Read(path);

        Assert.Equal(3, run.QueryCount);
        Assert.All(run.QueryIds, q => Assert.Equal([new ScoredDoc("a", 3)], run.ForQuery(q)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF \r\n")]
    public void Run_without_results_is_reported_as_empty(string content)
    {
        var path = _dir.Write("run.txt", content);

        var e = Assert.Throws<InputFormatException>(() => TrecRunReader.Read(path));

        Assert.Equal($"{path}: no results (the run file is empty)", e.Message);
        Assert.Equal(0, e.LineNumber);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _dir.WriteBytes("run.txt", [.. "1 Q0 d1 1 2 r\n1 Q0 d"u8, 0xFE, .. " 2 1 r\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => TrecRunReader.Read(path));

        Assert.Equal($"{path}:2: invalid UTF-8", e.Message);
    }

    [Fact]
    public void Truncated_gzip_run_is_reported()
    {
        var path = _dir.WriteBytes("run.txt.gz", TempDirectory.Gzip("1 Q0 d1 1 2 r\n1 Q0 d2 2 1 r\n")[..^1]);

        var e = Assert.Throws<InputFormatException>(() => TrecRunReader.Read(path));

        Assert.Equal($"{path}:3: truncated or damaged gzip data (the content does not match the gzip trailer)", e.Message);
    }
}
