using Pipeline.Text.Filters;
using Pipeline.Text.Tokenization;

namespace Pipeline.Text.Tests;

public class AnalyzerTests
{
    [Fact]
    public void English_stop_set_is_Lucene_s_33_words()
    {
        Assert.Equal(33, EnglishStopWords.Words.Count);
        Assert.True(EnglishStopWords.Contains("such"));
        Assert.False(EnglishStopWords.Contains("The"));
    }

    [Fact]
    public void English_removes_possessives_before_lower_casing_and_stemming()
    {
        Assert.Equal(["jame", "children", "dog"], Analyzer.English.Analyze("JAMES'S children’s the dog"));
    }

    [Fact]
    public void Plain_only_splits_and_lower_cases()
    {
        Assert.Equal(["the", "running", "dog's", "u.s.a"], Analyzer.Plain.Analyze("The running dog's U.S.A."));
    }

    [Fact]
    public void FromName_knows_both_analyzers_and_rejects_others()
    {
        Assert.Same(Analyzer.English, Analyzer.FromName("english"));
        Assert.Same(Analyzer.Plain, Analyzer.FromName("plain"));
        var e = Assert.Throws<ArgumentException>(() => Analyzer.FromName("English"));
        Assert.StartsWith("unknown analyzer 'English'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenizer_cuts_words_longer_than_255_characters()
    {
        var tokens = StandardTokenizer.Tokenize(new string('x', 600) + " y");
        Assert.Equal([255, 255, 90, 1], tokens.Select(t => t.Length));
    }

    [Theory]
    [InlineData("3.14 1,000 a:b x.y. foo_bar ___ _a", new[] { "3.14", "1,000", "a:b", "x.y", "foo_bar", "_a" })]
    [InlineData("don't O'Neil 'quoted'", new[] { "don't", "O'Neil", "quoted" })]
    [InlineData("日本 かな カタカナ", new[] { "日", "本", "か", "な", "カタカナ" })]
    public void Tokenizer_follows_the_word_break_rules(string text, string[] expected)
    {
        Assert.Equal(expected, StandardTokenizer.Tokenize(text));
    }
}
