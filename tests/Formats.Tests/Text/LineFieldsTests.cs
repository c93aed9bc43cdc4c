using System.Text;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Tests.Text;

public class LineFieldsTests
{
    private static (int Count, string[] Fields) Whitespace(string line, int keep)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var ranges = new Range[keep];
        var count = LineFields.SplitWhitespace(bytes, ranges);
        return (count, ranges.Take(Math.Min(count, keep)).Select(r => Encoding.UTF8.GetString(bytes[r])).ToArray());
    }

    private static (int Count, string[] Fields) Tabs(string line, int keep)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var ranges = new Range[keep];
        var count = LineFields.SplitTabs(bytes, ranges);
        return (count, ranges.Take(Math.Min(count, keep)).Select(r => Encoding.UTF8.GetString(bytes[r])).ToArray());
    }

    [Fact]
    public void Whitespace_split_takes_runs_of_spaces_and_tabs_as_one_separator()
    {
        var (count, fields) = Whitespace("  q1 \t Q0\tdoc-7   1 2.5 tag \t", 6);

        Assert.Equal(6, count);
        Assert.Equal(["q1", "Q0", "doc-7", "1", "2.5", "tag"], fields);
    }

    [Fact]
    public void Whitespace_split_counts_fields_beyond_those_kept()
    {
        var (count, fields) = Whitespace("a b c d e f g h", 3);

        Assert.Equal(8, count);
        Assert.Equal(["a", "b", "c"], fields);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t \r")]
    public void Whitespace_split_of_a_blank_line_has_no_field(string line)
    {
        Assert.Equal(0, Whitespace(line, 4).Count);
    }

    [Fact]
    public void Tab_split_keeps_spaces_and_empty_fields()
    {
        var (count, fields) = Tabs("id 1\t\ttext with  spaces", 4);

        Assert.Equal(3, count);
        Assert.Equal(["id 1", "", "text with  spaces"], fields);
    }

    [Fact]
    public void Tab_split_of_an_empty_line_has_one_empty_field()
    {
        var (count, fields) = Tabs("", 2);

        Assert.Equal(1, count);
        Assert.Equal([""], fields);
    }
}
