using System.IO.Compression;
using Pipeline.Text.Filters;

namespace Pipeline.Text.Tests.Filters;

public class PorterStemmerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("sensibility", "sensibl")]
    [InlineData("analogi", "analog")]
    [InlineData("controlling", "control")]
    [InlineData("is", "is")]
    public void Stem_follows_the_reference_implementation(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }

    [Fact]
    public void Stem_works_in_place_and_returns_the_new_length()
    {
        var buffer = "hopefulness".ToCharArray();
        var length = PorterStemmer.Stem(buffer.AsSpan());
        Assert.Equal("hope", new string(buffer, 0, length));
    }

    [Fact]
    public void Stem_reproduces_the_published_Porter_vocabulary_word_for_word()
    {
        var words = ReadGzipLines("voc.txt.gz");
        var stems = ReadGzipLines("output.txt.gz");
        Assert.Equal(23531, words.Count);
        Assert.Equal(words.Count, stems.Count);

        var mismatches = words.Zip(stems)
            .Where(pair => PorterStemmer.Stem(pair.First) != pair.Second)
            .Select(pair => $"{pair.First}: expected {pair.Second}, got {PorterStemmer.Stem(pair.First)}")
            .Take(10)
            .ToList();

        Assert.Empty(mismatches);
    }

    private static List<string> ReadGzipLines(string name)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "porter", name));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }
}
