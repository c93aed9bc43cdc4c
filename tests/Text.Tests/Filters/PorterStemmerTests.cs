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
}
