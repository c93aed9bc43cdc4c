using Pipeline.Formats.Tests.Support;
using Pipeline.Formats.Trec;

namespace Pipeline.Formats.Tests.Trec;

public sealed class QrelsReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Judgments_are_grouped_by_query_in_first_appearance_order()
    {
        var path = _dir.Write("qrels.txt", "q2 0 d1 1\nq1 0 d1 0\nq2 0 d2 -1\nq2 Q0 d3 2\n");

        var qrels = QrelsReader.Read(path);

        Assert.Equal(["q2", "q1"], qrels.QueryIds);
        Assert.Equal(2, qrels.QueryCount);
        Assert.Equal(new Dictionary<string, int> { ["d1"] = 1, ["d2"] = -1, ["d3"] = 2 }, qrels.ForQuery("q2"));
        Assert.Equal(new Dictionary<string, int> { ["d1"] = 0 }, qrels.ForQuery("q1"));
        Assert.Null(qrels.ForQuery("q3"));
    }

    [Fact]
    public void Tabs_crlf_bom_blank_lines_and_gzip_are_tolerated()
    {
        var path = _dir.WriteGzip("qrels.txt.gz", "\uFEFF1\t0\td1\t1\r\n\r\n1   0 d2 +2 \r\n");

        var qrels = QrelsReader.Read(path);

        Assert.Equal(new Dictionary<string, int> { ["d1"] = 1, ["d2"] = 2 }, qrels.ForQuery("1"));
    }

    [Fact]
    public void Scifact_sample_qrels_are_read()
    {
        var qrels = QrelsReader.Read(Fixtures.Path("scifact", "qrels.test.head20.txt"));

        Assert.Equal(["1", "3", "5", "13", "36", "42", "48", "49", "50", "51", "53", "54", "56", "57", "70", "72", "75", "94"], qrels.QueryIds);
        Assert.Equal(new Dictionary<string, int> { ["31715818"] = 1 }, qrels.ForQuery("1"));
        Assert.Equal(20, qrels.QueryIds.Sum(q => qrels.ForQuery(q)!.Count));
    }

    [Theory]
    [InlineData("1 0 d2", "expected 4 fields 'query-id iteration doc-id grade', found 3")]
    [InlineData("1 0 d2 1 extra", "expected 4 fields 'query-id iteration doc-id grade', found 5")]
    [InlineData("1 0 d2 1.0", "grade '1.0' is not an integer")]
    [InlineData("1 0 d2 rel", "grade 'rel' is not an integer")]
    [InlineData("1 0 d2 3000000000", "grade '3000000000' is not an integer")]
    [InlineData("1 0 d1 2", "document 'd1' is judged twice for query '1'")]
    public void Bad_lines_are_reported_with_their_line(string line, string reason)
    {
        var path = _dir.Write("qrels.txt", $"1 0 d1 1\n\n{line}\n2 0 d1 1\n");

        var e = Assert.Throws<InputFormatException>(() => QrelsReader.Read(path));

        Assert.Equal($"{path}:3: {reason}", e.Message);
    }

    [Fact]
    public void Duplicate_judgment_of_a_query_that_came_back_is_reported()
    {
        var path = _dir.Write("qrels.txt", "1 0 a 1\n2 0 a 1\n1 0 a 0\n");

        var e = Assert.Throws<InputFormatException>(() => QrelsReader.Read(path));

        Assert.Equal($"{path}:3: document 'a' is judged twice for query '1'", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n \t\n")]
    public void Qrels_without_judgments_are_reported_as_empty(string content)
    {
        var path = _dir.Write("qrels.txt", content);

        var e = Assert.Throws<InputFormatException>(() => QrelsReader.Read(path));

        Assert.Equal($"{path}: no judgments (the qrels file is empty)", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _dir.WriteBytes("qrels.txt", [.. "1 0 a 1\n1 0 b 1\n1 0 "u8, 0xED, 0xA0, 0x80, .. " 1\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => QrelsReader.Read(path));

        Assert.Equal($"{path}:3: invalid UTF-8", e.Message);
    }

    [Fact]
    public void FromJudgments_lets_a_later_grade_win()
    {
        var qrels = Qrels.FromJudgments([("1", "a", 1), ("1", "a", 3), ("2", "b", 0)]);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 3 }, qrels.ForQuery("1"));
        Assert.Equal(["1", "2"], qrels.QueryIds);
    }
}
