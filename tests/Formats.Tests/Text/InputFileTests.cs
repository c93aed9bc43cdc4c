using Pipeline.Formats.Tests.Support;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Tests.Text;

public sealed class InputFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadLines_numbers_lines_from_one_and_skips_the_bom()
    {
        var path = _dir.Write("a.txt", "\uFEFFfirst\r\nsecond\n\nfourth");

        var lines = InputFile.ReadLines(path).ToList();

        Assert.Equal([(1L, "first"), (2L, "second"), (3L, ""), (4L, "fourth")], lines);
    }

    [Fact]
    public void ReadLines_decompresses_gzip()
    {
        var path = _dir.WriteGzip("a.txt.gz", "\uFEFFfirst\nsecond\n");

        Assert.Equal([(1L, "first"), (2L, "second")], InputFile.ReadLines(path).ToList());
    }

    [Fact]
    public void ReadLines_reports_invalid_utf8_with_its_line()
    {
        var path = _dir.WriteBytes("a.txt", [.. "a\n"u8, 0xFF, .. "\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => InputFile.ReadLines(path).ToList());

        Assert.Equal($"{path}:2: invalid UTF-8", e.Message);
    }

    [Fact]
    public void ReadLines_reports_a_missing_file()
    {
        var path = _dir.File("missing.txt");

        Assert.Throws<FileNotFoundException>(() => InputFile.ReadLines(path).ToList());
    }

    [Fact]
    public void OpenText_decompresses_gzip_and_skips_the_bom()
    {
        var path = _dir.WriteGzip("a.gz", "\uFEFFfirst\nsecond\n");

        using var reader = InputFile.OpenText(path);

        Assert.Equal("first\nsecond\n", reader.ReadToEnd());
    }

    [Fact]
    public void OpenText_reads_plain_text_as_is()
    {
        var path = _dir.Write("a.txt", "first\r\nsecond");

        using var reader = InputFile.OpenText(path);

        Assert.Equal("first\r\nsecond", reader.ReadToEnd());
    }
}
