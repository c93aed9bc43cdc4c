using System.IO.Compression;
using System.Text.Json;
using Pipeline.Formats.Corpus;
using Pipeline.Formats.Tests.Support;

namespace Pipeline.Formats.Tests.Corpus;

public sealed class CorpusReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Beir_jsonl_gives_id_title_and_text_and_ignores_other_fields()
    {
        var path = _dir.Write("corpus.jsonl",
            """
            {"_id": "d1", "title": "First", "text": "Body one.", "metadata": {"url": "x", "tags": [1, {"a": null}]}}
            {"text": "Body two \"quoted\" \u00e9", "extra": [], "_id": "d2", "title": ""}
            {"_id": "d3", "text": "No title at all."}
            {"_id": "d4", "title": null, "text": ""}

            """);

        var docs = CorpusReader.Read(path).ToList();

        Assert.Equal(
        [
            new CorpusDocument("d1", "First", "Body one."),
            new CorpusDocument("d2", "", "Body two \"quoted\" é"),
            new CorpusDocument("d3", "", "No title at all."),
            new CorpusDocument("d4", "", ""),
        ], docs);
    }

    [Fact]
    public void Integer_ids_become_their_decimal_text()
    {
        var path = _dir.Write("corpus.jsonl",
            """
            {"_id": 4983, "text": "a"}
            {"_id": -7, "text": "b"}
            {"_id": 123456789012345678901234567890, "text": "c"}
            """);

        Assert.Equal(["4983", "-7", "123456789012345678901234567890"], CorpusReader.Read(path).Select(d => d.DocId));
    }

    [Fact]
    public void Field_names_are_configurable()
    {
        var path = _dir.Write("papers.jsonl",
            """
            {"doc_id": "s1", "title": "T", "abstract": "A", "text": 5, "_id": {"not": "used"}}
            """);
        var options = new CorpusReaderOptions { IdField = "doc_id", TextField = "abstract" };

        Assert.Equal([new CorpusDocument("s1", "T", "A")], CorpusReader.Read(path, options));
    }

    [Fact]
    public void Titles_can_be_ignored()
    {
        var path = _dir.Write("c.jsonl", """{"_id": "1", "title": 42, "text": "t"}""");

        var docs = CorpusReader.Read(path, new CorpusReaderOptions { TitleField = null });

        Assert.Equal([new CorpusDocument("1", "", "t")], docs);
    }

    [Fact]
    public void Tsv_has_id_text_and_an_optional_title()
    {
        var path = _dir.Write("corpus.tsv", "d1\tsome text\td1 title\nd2\tjust text\nd3\t\n\"d4\"\t\"quoted\" as is\n");

        Assert.Equal(
        [
            new CorpusDocument("d1", "d1 title", "some text"),
            new CorpusDocument("d2", "", "just text"),
            new CorpusDocument("d3", "", ""),
            new CorpusDocument("\"d4\"", "", "\"quoted\" as is"),
        ], CorpusReader.Read(path));
    }

    [Fact]
    public void Gzip_jsonl_and_tsv_are_read()
    {
        var jsonl = _dir.WriteGzip("c.jsonl.gz", "{\"_id\": \"a\", \"text\": \"x\"}\n");
        var json = _dir.WriteGzip("c.json.gz", "{\"_id\": \"b\", \"text\": \"y\"}\n");
        var tsv = _dir.WriteGzip("c.tsv.gz", "c\tz\n");

        Assert.Equal([new CorpusDocument("a", "", "x")], CorpusReader.Read(jsonl));
        Assert.Equal([new CorpusDocument("b", "", "y")], CorpusReader.Read(json));
        Assert.Equal([new CorpusDocument("c", "", "z")], CorpusReader.Read(tsv));
    }

    [Fact]
    public void Crlf_bom_and_blank_lines_are_tolerated()
    {
        var jsonl = _dir.Write("c.jsonl", "\uFEFF{\"_id\": \"a\", \"text\": \"x\"}\r\n\r\n   \t\r\n{\"_id\": \"b\", \"text\": \"y\"}\r\n");
        var tsv = _dir.Write("c.tsv", "\uFEFFa\tx\r\n\r\nb\ty\tT\r\n");

        Assert.Equal([new CorpusDocument("a", "", "x"), new CorpusDocument("b", "", "y")], CorpusReader.Read(jsonl));
        Assert.Equal([new CorpusDocument("a", "", "x"), new CorpusDocument("b", "T", "y")], CorpusReader.Read(tsv));
    }

    [Theory]
    [InlineData("corpus.jsonl", CorpusFormat.Jsonl)]
    [InlineData("corpus.jsonl.gz", CorpusFormat.Jsonl)]
    [InlineData("corpus.json.gz", CorpusFormat.Jsonl)]
    [InlineData("CORPUS.JSON", CorpusFormat.Jsonl)]
    [InlineData("dir.tsv/corpus.ndjson", CorpusFormat.Jsonl)]
    [InlineData("collection.tsv", CorpusFormat.Tsv)]
    [InlineData("collection.TSV.GZ", CorpusFormat.Tsv)]
    public void Format_is_inferred_from_the_file_name(string name, CorpusFormat expected)
    {
        Assert.Equal(expected, CorpusReader.InferFormat(name));
    }

    [Theory]
    [InlineData("corpus.txt")]
    [InlineData("corpus.gz")]
    [InlineData("corpus")]
    [InlineData("corpus.jsonl.zip")]
    public void File_name_without_a_known_format_is_an_error(string name)
    {
        var path = _dir.Write(name, "d\tt\n");

        var e = Assert.Throws<InputFormatException>(() => CorpusReader.Read(path));

        Assert.Equal(
            $"{path}: cannot tell the format from the file name (expected .jsonl, .json, .ndjson or .tsv, optionally followed by .gz); name the format explicitly",
            e.Message);
        Assert.Equal(0, e.LineNumber);
    }

    [Fact]
    public void Explicit_format_overrides_the_file_name()
    {
        var tsvNamedJsonl = _dir.Write("odd.jsonl", "d\tt\n");
        var jsonlNamedTxt = _dir.Write("odd.txt", "{\"_id\": \"d\", \"text\": \"t\"}\n");

        Assert.Equal([new CorpusDocument("d", "", "t")], CorpusReader.Read(tsvNamedJsonl, new CorpusReaderOptions { Format = CorpusFormat.Tsv }));
        Assert.Equal([new CorpusDocument("d", "", "t")], CorpusReader.Read(jsonlNamedTxt, new CorpusReaderOptions { Format = CorpusFormat.Jsonl }));
    }

    [Fact]
    public void Each_enumeration_reads_the_file_again()
    {
        var path = _dir.Write("c.tsv", "a\tx\n");
        var docs = CorpusReader.Read(path);

        Assert.Equal(["a"], docs.Select(d => d.DocId));
        File.WriteAllText(path, "b\ty\n");
        Assert.Equal(["b"], docs.Select(d => d.DocId));
    }

    [Theory]
    [InlineData("", "text", "title")]
    [InlineData("_id", "", "title")]
    [InlineData("_id", "text", "")]
    [InlineData("_id", "_id", "title")]
    [InlineData("_id", "text", "text")]
    public void Invalid_field_names_are_rejected_at_once(string id, string text, string title)
    {
        var options = new CorpusReaderOptions { IdField = id, TextField = text, TitleField = title };

        Assert.ThrowsAny<ArgumentException>(() => CorpusReader.Read("corpus.jsonl", options));
    }

    [Fact]
    public void Default_options_are_beir()
    {
        var options = CorpusReaderOptions.Default;

        Assert.Null(options.Format);
        Assert.Equal("_id", options.IdField);
        Assert.Equal("text", options.TextField);
        Assert.Equal("title", options.TitleField);
    }

    [Fact]
    public void Scifact_sample_matches_an_independent_json_parse()
    {
        var path = Fixtures.Path("scifact", "corpus.head50.jsonl.gz");
        var expected = new List<CorpusDocument>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                expected.Add(new CorpusDocument(root.GetProperty("_id").GetString()!, root.GetProperty("title").GetString()!, root.GetProperty("text").GetString()!));
            }
        }

        var docs = CorpusReader.Read(path).ToList();

        Assert.Equal(50, docs.Count);
        Assert.Equal(expected, docs);
        Assert.Equal("4983", docs[0].DocId);
        Assert.Equal("Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.", docs[0].Title);
        Assert.Equal(1809, docs[0].Text.Length);
        Assert.Equal("293661", docs[^1].DocId);
    }

    [Fact]
    public void Papers_sample_reads_with_doc_id_and_abstract()
    {
        var options = new CorpusReaderOptions { IdField = "doc_id", TextField = "abstract" };

        var docs = CorpusReader.Read(Fixtures.Path("papers", "corpus.head5.jsonl"), options).ToList();

        Assert.Equal(["s05b41088d1", "s69327bff8d", "s2130705504", "s5ff4b5200f", "s08545315b0"], docs.Select(d => d.DocId));
        Assert.Equal("Oscillation-free Quantization for Low-bit Vision Transformers", docs[0].Title);
        Assert.StartsWith("Weight oscillation is an undesirable side effect of quantization-aware training", docs[0].Text, StringComparison.Ordinal);
        Assert.Equal([1495, 1911, 1786, 1501, 1464], docs.Select(d => d.Text.Length));
    }
}
