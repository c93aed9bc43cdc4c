using Pipeline.Formats.Corpus;
using Pipeline.Formats.Tests.Support;

namespace Pipeline.Formats.Tests.Corpus;

public sealed class CorpusReaderTolerantTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void With_a_bad_record_callback_malformed_json_lines_are_reported_and_skipped()
    {
        var path = _dir.WriteBytes("corpus.jsonl", [
            .. """{"_id": "a", "text": "one"}"""u8, (byte)'\n',
            .. """{"_id": "b", "text": """u8, (byte)'\n',
            .. """{"text": "no id"}"""u8, (byte)'\n',
            .. "{\"_id\": \"c\", \"text\": \"bad "u8, 0xFF, .. "\"}"u8, (byte)'\n',
            .. """{"_id": "d", "title": "T", "text": "four"}"""u8, (byte)'\n',
        ]);
        var bad = new List<(long, string)>();

        var documents = CorpusReader.ReadWithLineNumbers(path, new CorpusReaderOptions { OnBadRecord = e => bad.Add((e.LineNumber, e.Reason)) }).ToList();

        Assert.Equal([(1L, new CorpusDocument("a", "", "one")), (5L, new CorpusDocument("d", "T", "four"))], documents);
        Assert.Equal([(2L, "invalid JSON at byte 22"), (3L, "missing id field '_id'"), (4L, "invalid UTF-8")], bad);
    }

    [Fact]
    public void With_a_bad_record_callback_tsv_lines_with_the_wrong_field_count_are_skipped()
    {
        var path = _dir.Write("corpus.tsv", "a\tone\nno-tabs-here\nb\ttwo\tTitle\n\tempty id\n");
        var bad = new List<long>();

        var documents = CorpusReader.ReadWithLineNumbers(path, new CorpusReaderOptions { OnBadRecord = e => bad.Add(e.LineNumber) }).ToList();

        Assert.Equal([(1L, new CorpusDocument("a", "", "one")), (3L, new CorpusDocument("b", "Title", "two"))], documents);
        Assert.Equal([2L, 4L], bad);
    }

    [Fact]
    public void Without_a_callback_the_first_bad_line_still_ends_the_enumeration()
    {
        var path = _dir.Write("corpus.jsonl", "{\"_id\": \"a\", \"text\": \"one\"}\n{\"text\": \"no id\"}\n");

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.ReadWithLineNumbers(path).ToList());

        Assert.Equal(2, e.LineNumber);
    }
}
