using Pipeline.Formats.Queries;
using Pipeline.Formats.Tests.Support;

namespace Pipeline.Formats.Tests.Queries;

public sealed class QueryReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tsv_queries_are_read_in_file_order()
    {
        var path = _dir.Write("queries.tsv", "3\twhat is  \"this\"?\n1\tsecond query\n");

        Assert.Equal([new Query("3", "what is  \"this\"?"), new Query("1", "second query")], QueryReader.Read(path));
    }

    [Fact]
    public void Beir_jsonl_queries_ignore_metadata()
    {
        var path = _dir.Write("queries.jsonl",
            """
            {"_id": "q1", "text": "first", "metadata": {"query": "x", "answers": ["a"]}}
            {"_id": 2, "text": "second"}
            """);

        Assert.Equal([new Query("q1", "first"), new Query("2", "second")], QueryReader.Read(path));
    }

    [Fact]
    public void Field_names_are_configurable()
    {
        var path = _dir.Write("topics.jsonl", """{"qid": "7", "query": "q text", "_id": "other"}""");
        var options = new QueryReaderOptions { IdField = "qid", TextField = "query" };

        Assert.Equal([new Query("7", "q text")], QueryReader.Read(path, options));
    }

    [Fact]
    public void Gzip_crlf_bom_and_blank_lines_are_tolerated()
    {
        var tsv = _dir.WriteGzip("queries.tsv.gz", "\uFEFF1\tone\r\n\r\n2\ttwo\r\n");
        var jsonl = _dir.Write("queries.jsonl", "\uFEFF{\"_id\": \"1\", \"text\": \"one\"}\r\n  \r\n{\"_id\": \"2\", \"text\": \"two\"}\r\n");

        Assert.Equal([new Query("1", "one"), new Query("2", "two")], QueryReader.Read(tsv));
        Assert.Equal([new Query("1", "one"), new Query("2", "two")], QueryReader.Read(jsonl));
    }

    [Fact]
    public void Explicit_format_overrides_the_file_name()
    {
        var path = _dir.Write("topics.txt", "1\tone\n");

        Assert.Equal([new Query("1", "one")], QueryReader.Read(path, new QueryReaderOptions { Format = QueryFormat.Tsv }));
    }

    [Theory]
    [InlineData("queries.tsv", QueryFormat.Tsv)]
    [InlineData("queries.jsonl", QueryFormat.Jsonl)]
    [InlineData("queries.jsonl.gz", QueryFormat.Jsonl)]
    public void Format_is_inferred_from_the_file_name(string name, QueryFormat expected)
    {
        Assert.Equal(expected, QueryReader.InferFormat(name));
    }

    [Fact]
    public void Scifact_sample_queries_are_read()
    {
        var queries = QueryReader.Read(Fixtures.Path("scifact", "queries.test.head20.tsv"));

        Assert.Equal(20, queries.Count);
        Assert.Equal(new Query("1", "0-dimensional biomaterials show inductive properties."), queries[0]);
        Assert.Equal(new Query("100", "All hematopoietic stem cells segregate their chromosomes randomly."), queries[^1]);
    }

    [Theory]
    [InlineData("3", "expected 2 tab-separated fields 'id<TAB>text', found 1")]
    [InlineData("3\tq\textra", "expected 2 tab-separated fields 'id<TAB>text', found 3")]
    [InlineData("\tq", "empty id in the first column")]
    [InlineData("3 4\tq", "id '3 4' in the first column contains whitespace")]
    [InlineData("3\t", "query '3' has no text")]
    [InlineData("3\t   ", "query '3' has no text")]
    [InlineData("1\tagain", "query '1' appears twice (first on line 1)")]
    public void Bad_tsv_lines_are_reported(string line, string reason)
    {
        var path = _dir.Write("queries.tsv", $"1\tone\n{line}\n2\ttwo\n");

        var e = Assert.Throws<InputFormatException>(() => QueryReader.Read(path));

        Assert.Equal($"{path}:2: {reason}", e.Message);
    }

    [Theory]
    [InlineData("{\"_id\": \"3\", \"text\": \"q\"", "invalid JSON at byte 25")]
    [InlineData("""{"text": "q"}""", "missing id field '_id'")]
    [InlineData("""{"_id": "3"}""", "missing text field 'text'")]
    [InlineData("""{"_id": "", "text": "q"}""", "empty id in field '_id'")]
    [InlineData("""{"_id": null, "text": "q"}""", "id field '_id' must be a string or an integer, found null")]
    [InlineData("""{"_id": 2.0, "text": "q"}""", "id field '_id' must be a string or an integer, found the number 2.0")]
    [InlineData("""{"_id": "3", "text": null}""", "field 'text' must be a string, found null")]
    [InlineData("""{"_id": "3", "text": ""}""", "query '3' has no text")]
    [InlineData("""{"_id": 1, "text": "q"}""", "query '1' appears twice (first on line 1)")]
    public void Bad_jsonl_lines_are_reported(string line, string reason)
    {
        var path = _dir.Write("queries.jsonl", $"{{\"_id\": \"1\", \"text\": \"one\"}}\n{line}\n");

        var e = Assert.Throws<InputFormatException>(() => QueryReader.Read(path));

        Assert.Equal($"{path}:2: {reason}", e.Message);
    }

    [Theory]
    [InlineData("queries.tsv", "")]
    [InlineData("queries.jsonl", "\r\n\r\n")]
    public void File_without_queries_is_reported_as_empty(string name, string content)
    {
        var path = _dir.Write(name, content);

        var e = Assert.Throws<InputFormatException>(() => QueryReader.Read(path));

        Assert.Equal($"{path}: no queries (the queries file is empty)", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _dir.WriteBytes("queries.tsv", [.. "1\tok\n2\tbad "u8, 0xC0, 0xAF, .. "\n"u8]);

        var e = Assert.Throws<InputFormatException>(() => QueryReader.Read(path));

        Assert.Equal($"{path}:2: invalid UTF-8", e.Message);
    }

    [Fact]
    public void Unknown_file_name_is_reported()
    {
        var path = _dir.Write("topics.txt", "1\tone\n");

        var e = Assert.Throws<InputFormatException>(() => QueryReader.Read(path));

        Assert.Equal(
            $"{path}: cannot tell the format from the file name (expected .jsonl, .json, .ndjson or .tsv, optionally followed by .gz); name the format explicitly",
            e.Message);
    }

    [Fact]
    public void Equal_id_and_text_fields_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => QueryReader.Read("q.jsonl", new QueryReaderOptions { IdField = "x", TextField = "x" }));

        Assert.Equal("the id and text fields must differ ('x')", e.Message);
    }
}
