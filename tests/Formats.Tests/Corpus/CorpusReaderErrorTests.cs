using Pipeline.Formats.Corpus;
using Pipeline.Formats.Tests.Support;

namespace Pipeline.Formats.Tests.Corpus;

public sealed class CorpusReaderErrorTests : IDisposable
{
    private const string GoodLine = """{"_id": "ok", "text": "fine"}""";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private InputFormatException ReadJsonl(string badLine, CorpusReaderOptions? options = null)
    {
        var path = _dir.Write("corpus.jsonl", $"{GoodLine}\n\n{badLine}\n{GoodLine}\n");
        return Assert.Throws<InputFormatException>(() => CorpusReader.Read(path, options).ToList());
    }

    [Theory]
    [InlineData("{\"_id\": \"1\", \"text\": \"x\"", "invalid JSON at byte 25")]
    [InlineData("""{"_id": "1", "text": "x"} trailing""", "invalid JSON at byte 27")]
    [InlineData("""{"_id": "1", "text": "x"}{}""", "invalid JSON at byte 26")]
    [InlineData("""{'_id': "1", "text": "x"}""", "invalid JSON at byte 2")]
    [InlineData("""{"_id": "1", "text": "x",}""", "invalid JSON at byte 26")]
    [InlineData("""{"_id": "1", "text": nul}""", "invalid JSON at byte 25")]
    [InlineData("""{"_id": "1", /* c */ "text": "x"}""", "invalid JSON at byte 14")]
    public void Bad_json_is_reported_with_line_and_byte(string line, string reason)
    {
        var e = ReadJsonl(line);

        Assert.Equal($"{e.Path}:3: {reason}", e.Message);
    }

    [Theory]
    [InlineData("""["_id", "text"]""", "expected a JSON object, found an array")]
    [InlineData("\"just a string\"", "expected a JSON object, found a string")]
    [InlineData("42", "expected a JSON object, found the number 42")]
    [InlineData("null", "expected a JSON object, found null")]
    public void Non_object_lines_are_reported(string line, string reason)
    {
        var e = ReadJsonl(line);

        Assert.Equal($"{e.Path}:3: {reason}", e.Message);
    }

    [Theory]
    [InlineData("""{"text": "x"}""", "missing id field '_id'")]
    [InlineData("""{"id": "1", "text": "x"}""", "missing id field '_id'")]
    [InlineData("""{"_id": "", "text": "x"}""", "empty id in field '_id'")]
    [InlineData("""{"_id": "a b", "text": "x"}""", "id 'a b' in field '_id' contains whitespace")]
    [InlineData("""{"_id": "a\tb", "text": "x"}""", "id 'a\tb' in field '_id' contains whitespace")]
    [InlineData("""{"_id": null, "text": "x"}""", "id field '_id' must be a string or an integer, found null")]
    [InlineData("""{"_id": {"v": 1}, "text": "x"}""", "id field '_id' must be a string or an integer, found an object")]
    [InlineData("""{"_id": [1], "text": "x"}""", "id field '_id' must be a string or an integer, found an array")]
    [InlineData("""{"_id": 1.5, "text": "x"}""", "id field '_id' must be a string or an integer, found the number 1.5")]
    [InlineData("""{"_id": 1e3, "text": "x"}""", "id field '_id' must be a string or an integer, found the number 1e3")]
    [InlineData("""{"_id": true, "text": "x"}""", "id field '_id' must be a string or an integer, found true")]
    [InlineData("""{"_id": "1", "_id": "2", "text": "x"}""", "field '_id' appears twice")]
    [InlineData("""{"_id": "\ud800", "text": "x"}""", "field '_id' holds an invalid escaped character")]
    public void Bad_ids_are_reported(string line, string reason)
    {
        var e = ReadJsonl(line);

        Assert.Equal($"{e.Path}:3: {reason}", e.Message);
    }

    [Theory]
    [InlineData("""{"_id": "1"}""", "missing text field 'text'")]
    [InlineData("""{"_id": "1", "title": "t"}""", "missing text field 'text'")]
    [InlineData("""{"_id": "1", "text": null}""", "field 'text' must be a string, found null")]
    [InlineData("""{"_id": "1", "text": 3}""", "field 'text' must be a string, found the number 3")]
    [InlineData("""{"_id": "1", "text": ["a"]}""", "field 'text' must be a string, found an array")]
    [InlineData("""{"_id": "1", "text": "a", "text": "b"}""", "field 'text' appears twice")]
    [InlineData("""{"_id": "1", "text": "a", "title": false}""", "field 'title' must be a string, found false")]
    [InlineData("""{"_id": "1", "text": "a", "title": {}}""", "field 'title' must be a string, found an object")]
    [InlineData("""{"_id": "1", "text": "a", "title": null, "title": "again"}""", "field 'title' appears twice")]
    public void Bad_text_and_title_fields_are_reported(string line, string reason)
    {
        var e = ReadJsonl(line);

        Assert.Equal($"{e.Path}:3: {reason}", e.Message);
    }

    [Fact]
    public void Configured_field_names_appear_in_messages()
    {
        var options = new CorpusReaderOptions { IdField = "doc_id", TextField = "abstract" };

        var e = ReadJsonl("""{"doc_id": "s1", "title": "t", "text": "not the abstract"}""", options);

        Assert.Equal($"{e.Path}:1: missing id field 'doc_id'", e.Message);
    }

    [Theory]
    [InlineData("only-id", "expected 2 or 3 tab-separated fields 'id<TAB>text[<TAB>title]', found 1")]
    [InlineData("id\ttext\ttitle\textra", "expected 2 or 3 tab-separated fields 'id<TAB>text[<TAB>title]', found 4")]
    [InlineData("id with space\ttext", "id 'id with space' in the first column contains whitespace")]
    [InlineData("\ttext", "empty id in the first column")]
    public void Bad_tsv_lines_are_reported(string line, string reason)
    {
        var path = _dir.Write("corpus.tsv", $"a\tb\n{line}\nc\td\n");

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}:2: {reason}", e.Message);
    }

    [Theory]
    [InlineData("corpus.jsonl", "")]
    [InlineData("corpus.jsonl", "\n  \n\r\n")]
    [InlineData("corpus.tsv", "")]
    [InlineData("corpus.tsv", "\uFEFF\n")]
    public void File_without_documents_is_reported_as_empty(string name, string content)
    {
        var path = _dir.Write(name, content);

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}: no documents (the corpus file is empty)", e.Message);
        Assert.Equal(0, e.LineNumber);
    }

    [Fact]
    public void Empty_gzip_corpus_is_reported_as_empty()
    {
        var path = _dir.WriteGzip("corpus.jsonl.gz", "");

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}: no documents (the corpus file is empty)", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _dir.WriteBytes("corpus.jsonl", [.. """{"_id": "1", "text": "ok"}"""u8, 0x0A, .. """{"_id": "2", "text": "caf"""u8, 0xE9, .. "\"}\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}:2: invalid UTF-8", e.Message);
    }

    [Fact]
    public void Truncated_gzip_corpus_is_reported_rather_than_read_in_part()
    {
        var content = string.Concat(Enumerable.Range(0, 3).Select(i => $"{{\"_id\": \"{i}\", \"text\": \"t\"}}\n"));
        var path = _dir.WriteBytes("corpus.jsonl.gz", TempDirectory.Gzip(content)[..^2]);

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}:4: truncated or damaged gzip data (the content does not match the gzip trailer)", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_corpus_is_reported()
    {
        var gzip = TempDirectory.Gzip("""{"_id": "1", "text": "t"}""" + "\n");
        gzip[^7] ^= 0x5A;
        var path = _dir.WriteBytes("corpus.jsonl.gz", gzip);

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path).ToList());

        Assert.Equal($"{path}:1: corrupt gzip data", e.Message);
    }

    [Fact]
    public void Documents_before_a_bad_line_are_handed_out_first()
    {
        var path = _dir.Write("corpus.tsv", "a\tx\nb\ty\nbad\n");
        var seen = new List<string>();

        var e = Assert.Throws<InputFormatException>(() =>
        {
            foreach (var doc in CorpusReader.Read(path))
            {
                seen.Add(doc.DocId);
            }
        });

        Assert.Equal(["a", "b"], seen);
        Assert.Equal(3, e.LineNumber);
    }
}
