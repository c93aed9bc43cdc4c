namespace Pipeline.Tokenization.Tests;

public sealed class BertNormalizerTests
{
    private static readonly BertNormalizer Uncased = new(new BertNormalizerOptions());

    [Theory]
    [InlineData("Hello World", "hello world")]
    [InlineData("tabs\tand\nnew\r\nlines", "tabs and new  lines")]
    [InlineData("a\u0000b\u0007c\u200Bd\uFFFDe", "abcde")]
    [InlineData("Café NAÏVE façade", "cafe naive facade")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ΟΔΥΣΣΕΥΣ Σ", "οδυσσευς σ")]
    [InlineData("北京", " 北  京 ")]
    [InlineData("한국", "\u1112\u1161\u11AB\u1100\u116E\u11A8")]
    [InlineData("ǅemal", "ǆemal")] // a compatibility decomposition: NFD keeps it
    [InlineData("no\u00A0break\u3000space", "no break space")]
    public void Uncased_normalization_cleans_spaces_out_ideographs_lowercases_and_strips_accents(string input, string expected)
    {
        Assert.Equal(expected, Uncased.Normalize(input));
    }

    [Fact]
    public void Cased_normalization_keeps_case_and_accents()
    {
        var cased = new BertNormalizer(new BertNormalizerOptions { Lowercase = false });

        Assert.Equal("Café  北 ", cased.Normalize("Café\t北"));
    }

    [Fact]
    public void Accents_can_be_stripped_without_lowercasing()
    {
        var normalizer = new BertNormalizer(new BertNormalizerOptions { Lowercase = false, StripAccents = true });

        Assert.Equal("Cafe", normalizer.Normalize("Café"));
    }
}
