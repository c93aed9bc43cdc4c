using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats;

namespace Pipeline.Sharding.Tests;

/// <summary>The byte screen of the fast path, and the SQL rules that stand for the reader's id and text checks.</summary>
public sealed class JsonLineScreenTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly JsonLineScreen Screen = new("_id", "text", "title");

    private static string? Check(string line) => Screen.CheckObject(Encoding.UTF8.GetBytes(line));

    [Theory]
    [InlineData("""{"_id": "a", "text": "x"}""")]
    [InlineData("""{"_id": 12, "title": null, "text": "x"}""")]
    [InlineData("""{"_id": -12, "title": "t", "text": "x", "extra": {"_id": 1.5, "text": [], "title": true}}""")]
    [InlineData("""{"_id": 123456789012345678901234567890, "text": "x"}""")]
    [InlineData(""" { "text" : "x" , "_id" : "a" } """)]
    [InlineData("""{"_id": "a", "text": "esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00", "n": [0, -0, 1.5, -2e10, 3E+2, 4e-1, true, false, null, "s", {}, []]}""")]
    [InlineData("{}")]
    [InlineData("""{"text": "no id is DuckDB's and the SQL's to find"}""")]
    [InlineData("""{"_id": "a", "text": "x", "dup": 1, "dup": 2}""")]
    public void Lines_both_read_alike_pass(string line) => Assert.Null(Check(line));

    [Theory]
    [InlineData("""["_id"]""", "not a JSON object")]
    [InlineData("42", "not a JSON object")]
    [InlineData("""{"_id": "a", "text": "x",}""", "a trailing comma")]
    [InlineData("""{"_id": "a", "text": "x", "t": [1,]}""", "a trailing comma")]
    [InlineData("""{"_id": "a", "text": "x", "t": {"k": 1,}}""", "a trailing comma")]
    [InlineData("""{"_id": "a", "text": "x", "n": NaN}""", "invalid JSON (unexpected character)")]
    [InlineData("""{"_id": "a", "text": "x", "n": Infinity}""", "invalid JSON (unexpected character)")]
    [InlineData("""{"_id": "a", "text": "x", "n": -Infinity}""", "invalid JSON (a malformed number)")]
    [InlineData("""{"_id": "a", "text": "x", "n": nan}""", "invalid JSON (unexpected literal)")]
    [InlineData("""{"_id": "a", "text": "x", "n": 01}""", "invalid JSON (expected ',' or '}')")]
    [InlineData("""{"_id": "a", "text": "x", "n": 1.}""", "invalid JSON (a malformed number)")]
    [InlineData("""{"_id": "a", "text": "x", "n": +1}""", "invalid JSON (unexpected character)")]
    [InlineData("""{"_id": "a", "text": "x"} x""", "content after the object")]
    [InlineData("""{"_id": "a", "text": "x"}{}""", "content after the object")]
    [InlineData("""{"_id": "a", /* c */ "text": "x"}""", "invalid JSON (expected a field name)")]
    [InlineData("{\"_id\": \"a\", \"text\": \"x\"", "invalid JSON (expected ',' or '}')")]
    [InlineData("""{"_id": "a", "text": "x}""", "invalid JSON (unterminated string)")]
    [InlineData("""{"_id": "a", "_id": "b", "text": "x"}""", "field '_id' appears twice")]
    [InlineData("""{"_id": "a", "text": "x", "text": "y"}""", "field 'text' appears twice")]
    [InlineData("""{"_id": "a", "title": null, "title": null, "text": "y"}""", "field 'title' appears twice")]
    [InlineData("""{"_id": "a", "text": 1}""", "field 'text' is not a string")]
    [InlineData("""{"_id": "a", "text": null}""", "field 'text' is not a string")]
    [InlineData("""{"_id": "a", "title": 1, "text": "x"}""", "field 'title' is neither a string nor null")]
    [InlineData("""{"_id": 1.0, "text": "x"}""", "field '_id' is neither a string nor an integer")]
    [InlineData("""{"_id": 1e3, "text": "x"}""", "field '_id' is neither a string nor an integer")]
    [InlineData("""{"_id": true, "text": "x"}""", "field '_id' is neither a string nor an integer")]
    [InlineData("""{"_id": -0, "text": "x"}""", "field '_id' is the integer -0 (DuckDB reads 0)")]
    [InlineData("""{"\u005fid": "a", "text": "x"}""", "a field name with an escape")]
    [InlineData("{'_id': 'a'}", "invalid JSON (expected a field name)")]
    [InlineData("{\"_id\": \"a\",\f\"text\": \"x\"}", "invalid JSON (expected a field name)")]
    public void Lines_that_may_read_differently_are_flagged_with_why(string line, string why) => Assert.Equal(why, Check(line));

    [Fact]
    public void The_nesting_limit_is_the_one_of_system_text_json()
    {
        foreach (var levels in new[] { JsonLineScreen.MaxLevels, JsonLineScreen.MaxLevels + 1 })
        {
            var line = "{\"_id\": \"a\", \"text\": \"x\", \"d\": " + new string('[', levels - 1) + new string(']', levels - 1) + "}";
            var readerAccepts = true;
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
                while (reader.Read())
                {
                }
            }
            catch (JsonException)
            {
                readerAccepts = false;
            }

            Assert.Equal(readerAccepts, Check(line) is null);
            Assert.Equal(levels <= JsonLineScreen.MaxLevels, readerAccepts);
        }
    }

    [Fact]
    public void Screening_splits_lines_as_the_reader_does_and_counts_the_documents()
    {
        var content = "\uFEFF{\"_id\": \"a\", \"text\": \"x\"}\r\n\n \t\v\f\r\n{\"_id\": \"b\", \"text\": \"y\"}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));

        var outcome = Screen.Screen(stream, null, CancellationToken.None);

        Assert.Equal(new JsonLineScreen.Outcome(2, Encoding.UTF8.GetByteCount(content), null), outcome);
    }

    [Fact]
    public void Screening_reports_the_first_problem_with_its_line()
    {
        using var stream = new MemoryStream([.. "{\"_id\": \"a\", \"text\": \"x\"}\n\n{\"_id\": \"b\", \"text\": \"y\",}\n{\"x\": \""u8, 0xFF, .. "\"}\n"u8]);

        var outcome = Screen.Screen(stream, null, CancellationToken.None);

        Assert.Equal("line 3: a trailing comma", outcome.Problem);
        Assert.Equal(1, outcome.Documents);
    }

    [Fact]
    public void Invalid_utf8_anywhere_in_a_line_is_flagged()
    {
        using var stream = new MemoryStream([.. "{\"_id\": \"a\", \"text\": \"x\", \"other\": \""u8, 0xC0, 0xAF, .. "\"}\n"u8]);

        Assert.Equal("line 1: invalid UTF-8", Screen.Screen(stream, null, CancellationToken.None).Problem);
    }

    [Fact]
    public void Lines_are_found_across_reads_and_a_long_line_grows_the_buffer()
    {
        // Lines across the 1 MiB reads, and one of 5 MiB: longer than the initial 2 MiB buffer.
        var lines = Enumerable.Range(0, 300).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"{new string('x', i == 150 ? 5 << 20 : i * 50)}\"}}");
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        using var stream = new MemoryStream(bytes);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

        var outcome = Screen.Screen(stream, hash, CancellationToken.None);

        Assert.Equal(new JsonLineScreen.Outcome(300, bytes.Length, null), outcome);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes), hash.GetHashAndReset());
    }

    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> calls whitespace, as a JSON escape.</summary>
    public static TheoryData<string> WhitespaceCharacters()
    {
        var data = new TheoryData<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsWhiteSpace((char)c))
            {
                data.Add(string.Create(CultureInfo.InvariantCulture, $"\\u{c:X4}"));
            }
        }
        return data;
    }

    [DuckDbTheory]
    [MemberData(nameof(WhitespaceCharacters))]
    public void The_sql_rules_refuse_every_dotnet_whitespace_character_in_an_id_and_as_a_whole_text(string escaped)
    {
        var withId = _dir.File("id.jsonl");
        File.WriteAllText(withId, $"{{\"_id\": \"a{escaped}b\", \"text\": \"x\"}}\n");
        var blankText = _dir.File("text.jsonl");
        File.WriteAllText(blankText, $"{{\"_id\": \"a\", \"text\": \"{escaped}{escaped}\"}}\n");
        var options = new ShardOptions { Parser = ShardParser.DuckDb };

        var id = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(withId, _dir.File("o1"), options));
        var text = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(blankText, _dir.File("o2"), options));

        Assert.Contains("empty id or whitespace in the id", id.Message, StringComparison.Ordinal);
        Assert.Contains("empty text", text.Message, StringComparison.Ordinal);
    }
}
