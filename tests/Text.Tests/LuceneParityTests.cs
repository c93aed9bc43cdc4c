namespace Pipeline.Text.Tests;

/// <summary>Exact comparison with outputs of Lucene 8's own analyzers (see data/lucene8/README.md).</summary>
public class LuceneParityTests
{
    [Fact]
    public void Porter_stems_equal_Lucene_PorterStemFilter_on_the_whole_vocabulary()
    {
        var vocabulary = TestData.PorterVocabulary();
        var mismatches = vocabulary
            .Where(e => Pipeline.Text.Filters.PorterStemmer.Stem(e.Word) != e.Stem)
            .Select(e => $"{e.Word}: expected {e.Stem}, got {Pipeline.Text.Filters.PorterStemmer.Stem(e.Word)}")
            .ToList();
        Assert.Equal(9000, vocabulary.Count);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("plain")]
    public void Analyzer_terms_equal_Lucene_terms_on_every_reference_text(string analyzerName)
    {
        var analyzer = Analyzer.FromName(analyzerName);
        var expected = TestData.Expected(analyzerName);
        var texts = TestData.Texts();
        var mismatches = new List<string>();
        foreach (var (id, text) in texts)
        {
            var actual = analyzer.Analyze(text);
            if (!actual.SequenceEqual(expected[id], StringComparer.Ordinal))
            {
                mismatches.Add($"{id}: expected [{string.Join(' ', expected[id])}]{Environment.NewLine}      got [{string.Join(' ', actual)}]");
            }
        }
        Assert.Equal(405, texts.Count);
        Assert.Empty(mismatches);
    }
}
