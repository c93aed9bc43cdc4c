namespace Pipeline.Tokenization.Tests;

public sealed class TruncationTests
{
    [Theory]
    // (first, second, budget without specials) -> lengths, as Hugging Face tokenizers' truncate_encodings computes them
    [InlineData(3, 10, 8, 3, 5)]      // only the longer is cut
    [InlineData(10, 3, 8, 5, 3)]      // the same with the longer first
    [InlineData(7, 8, 11, 5, 6)]      // both cut: max/2 and max/2 + max%2, the extra to the longer
    [InlineData(8, 7, 11, 6, 5)]      // the extra follows the longer when it comes first
    [InlineData(7, 7, 11, 5, 6)]      // equal lengths: the extra goes to the second
    [InlineData(20, 30, 10, 5, 5)]
    [InlineData(12, 30, 10, 5, 5)]    // the shorter alone exceeds the budget
    [InlineData(4, 5, 9, 4, 5)]       // fits: untouched
    [InlineData(4, 5, 0, 0, 0)]       // a zero budget empties both
    public void Longest_first_splits_a_pair_as_hugging_face_tokenizers_do(int first, int second, int budget, int expectedFirst, int expectedSecond)
    {
        var lengths = WordPieceTokenizer.TruncatedLengths(first, second, budget, TruncationStrategy.LongestFirst);

        Assert.Equal((expectedFirst, expectedSecond), lengths);
    }

    [Fact]
    public void Only_second_cuts_the_second_sequence_by_the_excess()
    {
        var lengths = WordPieceTokenizer.TruncatedLengths(6, 20, 10, TruncationStrategy.OnlySecond);

        Assert.Equal((6, 4), lengths);
    }

    [Fact]
    public void Only_second_fails_when_the_second_sequence_cannot_absorb_the_cut()
    {
        var error = Assert.Throws<TokenizerException>(() => WordPieceTokenizer.TruncatedLengths(20, 4, 10, TruncationStrategy.OnlySecond));

        Assert.Equal("truncation cannot remove 14 tokens from the second sequence, which has only 4; use 'longest_first' or a larger maximum length", error.Message);
    }

    [Fact]
    public void Only_second_fails_for_a_single_text_that_is_too_long()
    {
        var error = Assert.Throws<TokenizerException>(() => WordPieceTokenizer.TruncatedLengths(20, null, 10, TruncationStrategy.OnlySecond));

        Assert.Equal("truncation 'only_second' needs a pair of texts, and got a single text longer than the maximum length", error.Message);
    }

    [Fact]
    public void An_encoded_pair_keeps_its_special_tokens_and_type_ids_when_cut()
    {
        var tokenizer = GoldenCase.BertBaseUncased;

        var encoding = tokenizer.Encode("what is onnx runtime?", "ONNX Runtime is a cross-platform inference engine.", 12, TruncationStrategy.OnlySecond);

        Assert.Equal([101, 2054, 2003, 2006, 26807, 2448, 7292, 1029, 102, 2006, 26807, 102], encoding.Ids);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], encoding.TypeIds);
    }

    [Fact]
    public void A_maximum_below_the_special_tokens_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GoldenCase.BertBaseUncased.Encode("a", "b", 2, TruncationStrategy.LongestFirst));

        Assert.Equal("maxLength", error.ParamName);
    }
}
