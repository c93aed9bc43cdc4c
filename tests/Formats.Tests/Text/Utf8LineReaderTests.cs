using System.Text;
using Pipeline.Formats.Tests.Support;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Tests.Text;

public sealed class Utf8LineReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<(long Number, string Line)> ReadAll(string path, int maxLineBytes = Utf8LineReader.DefaultMaxLineBytes)
    {
        var lines = new List<(long, string)>();
        using var reader = Utf8LineReader.Open(path, maxLineBytes);
        while (reader.TryReadLine(out var line))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line)));
        }
        return lines;
    }

    [Fact]
    public void Lines_longer_than_the_buffer_and_across_its_boundaries_come_back_whole()
    {
        var expected = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            expected.Add(new string((char)('a' + (i % 26)), (i * 977) % 3000));
        }
        expected.Add(new string('x', 300_000));
        expected.Add("last");
        var path = _dir.Write("long.txt", string.Join('\n', expected) + "\n");

        var lines = ReadAll(path);

        Assert.Equal(expected, lines.Select(l => l.Line));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), lines.Select(l => l.Number));
    }

    [Fact]
    public void Last_line_without_line_end_is_read()
    {
        var path = _dir.Write("a.txt", "one\ntwo");

        Assert.Equal([(1L, "one"), (2L, "two")], ReadAll(path));
    }

    [Fact]
    public void Crlf_is_removed_and_a_lone_cr_is_kept()
    {
        var path = _dir.Write("a.txt", "one\r\ntwo\rthree\r\n\r\nfour");

        Assert.Equal([(1L, "one"), (2L, "two\rthree"), (3L, ""), (4L, "four")], ReadAll(path));
    }

    [Fact]
    public void Bom_is_skipped_on_the_first_line_only()
    {
        var path = _dir.Write("a.txt", "\uFEFFone\n\uFEFFtwo\n");

        Assert.Equal([(1L, "one"), (2L, "\uFEFFtwo")], ReadAll(path));
    }

    [Fact]
    public void Empty_file_has_no_lines()
    {
        var path = _dir.Write("empty.txt", "");

        Assert.Empty(ReadAll(path));
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _dir.WriteBytes("bad.txt", [.. "ok\nfine\n"u8, 0x61, 0xC3, 0x28, 0x0A, .. "after\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path));

        Assert.Equal($"{path}:3: invalid UTF-8", e.Message);
    }

    [Fact]
    public void Line_longer_than_the_limit_is_rejected()
    {
        var path = _dir.Write("a.txt", "0123456789\n01234567890\nx\n");

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path, maxLineBytes: 10));

        Assert.Equal($"{path}:2: line is longer than 10 bytes", e.Message);
    }

    [Fact]
    public void Line_without_any_line_end_longer_than_the_limit_is_rejected_before_reading_it_whole()
    {
        var path = _dir.Write("a.txt", "short\n" + new string('y', 100_000));

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path, maxLineBytes: 1000));

        Assert.Equal($"{path}:2: line is longer than 1000 bytes", e.Message);
    }

    [Fact]
    public void Gzip_is_detected_from_its_content_whatever_the_name()
    {
        var path = _dir.WriteGzip("plain-name.txt", "one\r\ntwo\n");

        Assert.Equal([(1L, "one"), (2L, "two")], ReadAll(path));
    }

    [Fact]
    public void Concatenated_gzip_members_are_read_as_one_content()
    {
        var content = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n"));
        var path = _dir.WriteBytes("multi.gz", [.. TempDirectory.Gzip("first\n"), .. TempDirectory.Gzip("second\n"), .. TempDirectory.Gzip(content)]);

        var lines = ReadAll(path);

        Assert.Equal(5002, lines.Count);
        Assert.Equal((1L, "first"), lines[0]);
        Assert.Equal((2L, "second"), lines[1]);
        Assert.Equal((5002L, "line 4999"), lines[^1]);
    }

    [Fact]
    public void Empty_gzip_content_has_no_lines()
    {
        var path = _dir.WriteBytes("empty.gz", TempDirectory.Gzip(""));

        Assert.Empty(ReadAll(path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    public void Gzip_missing_its_last_bytes_is_reported_after_the_last_line(int cut)
    {
        var gzip = TempDirectory.Gzip("one\ntwo\nthree\n");
        var path = _dir.WriteBytes("cut.gz", gzip[..^cut]);

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path));

        Assert.Equal($"{path}:4: truncated or damaged gzip data (the content does not match the gzip trailer)", e.Message);
    }

    [Fact]
    public void Gzip_cut_in_the_middle_is_reported_where_the_content_stops()
    {
        var content = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} {i * 7919 % 1000}\n"));
        var gzip = TempDirectory.Gzip(content);
        var path = _dir.WriteBytes("cut.gz", gzip[..(gzip.Length / 2)]);
        var read = 0L;

        var e = Assert.Throws<InputFormatException>(() =>
        {
            using var reader = Utf8LineReader.Open(path);
            while (reader.TryReadLine(out _))
            {
                read = reader.LineNumber;
            }
        });

        Assert.InRange(read, 1, 19_999);
        Assert.Equal(read + 1, e.LineNumber);
        Assert.Equal("truncated or damaged gzip data (the content does not match the gzip trailer)", e.Reason);
    }

    [Fact]
    public void Gzip_header_alone_is_reported_as_truncated()
    {
        var path = _dir.WriteBytes("hdr.gz", TempDirectory.Gzip("one\n")[..10]);

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path));

        Assert.Equal($"{path}:1: truncated or damaged gzip data (the content does not match the gzip trailer)", e.Message);
    }

    [Fact]
    public void Bytes_after_the_gzip_data_are_reported()
    {
        var path = _dir.WriteBytes("tail.gz", [.. TempDirectory.Gzip("one\ntwo\n"), 1, 2, 3]);

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path));

        Assert.Equal($"{path}:3: truncated or damaged gzip data (the content does not match the gzip trailer)", e.Message);
    }

    [Fact]
    public void Gzip_with_a_damaged_checksum_is_reported_as_corrupt()
    {
        var gzip = TempDirectory.Gzip("one\ntwo\nthree\n");
        gzip[^8] ^= 0xFF;
        var path = _dir.WriteBytes("crc.gz", gzip);

        var e = Assert.Throws<InputFormatException>(() => ReadAll(path));

        Assert.Equal($"{path}:1: corrupt gzip data", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }
}
