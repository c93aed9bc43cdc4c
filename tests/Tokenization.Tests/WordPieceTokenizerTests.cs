namespace Pipeline.Tokenization.Tests;

public sealed class WordPieceTokenizerTests
{
    private static WordPieceTokenizer Small(int maxChars = 100) => new(
        new Dictionary<string, int> { ["[PAD]"] = 0, ["[UNK]"] = 1, ["[CLS]"] = 2, ["[SEP]"] = 3, ["re"] = 4, ["##rank"] = 5, ["##ing"] = 6, ["rank"] = 7, ["!"] = 8 },
        new WordPieceTokenizerOptions { MaxInputCharsPerWord = maxChars, AddedTokens = [new AddedToken("[CLS]", 2), new AddedToken("[SEP]", 3)] });

    [Fact]
    public void Words_split_into_the_longest_pieces_with_the_continuation_prefix()
    {
        Assert.Equal([4, 5, 6, 8], Small().Tokenize("Reranking!"));
    }

    [Fact]
    public void A_word_with_an_unmatchable_part_becomes_one_unknown_token()
    {
        Assert.Equal([7, 1, 7], Small().Tokenize("rank rerankx rank"));
    }

    [Fact]
    public void A_word_longer_than_the_limit_in_code_points_becomes_the_unknown_token()
    {
        var tokenizer = Small(maxChars: 6);

        Assert.Equal([1, 7], tokenizer.Tokenize("reranking rank"));
        Assert.Equal([4, 5], tokenizer.Tokenize("rerank"));
    }

    [Fact]
    public void Special_tokens_in_the_text_are_matched_before_normalization()
    {
        // "[cls]" is no added token: "[", "cls", "]" are three words, each unknown here
        Assert.Equal([2, 7, 1, 1, 1, 3], Small().Tokenize("[CLS]rank [cls][SEP]"));
    }

    [Fact]
    public void A_folder_without_tokenizer_files_is_an_error_naming_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("no-tokenizer-");
        try
        {
            var error = Assert.Throws<TokenizerException>(() => WordPieceTokenizer.Load(folder.FullName));

            Assert.Equal($"{folder.FullName}: no tokenizer.json or vocab.txt in the folder", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_tokenizer_json_with_another_model_type_is_an_error_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("bpe-");
        try
        {
            var path = Path.Combine(folder.FullName, "tokenizer.json");
            File.WriteAllText(path, """{"model": {"type": "BPE", "vocab": {}}}""");

            var error = Assert.Throws<TokenizerException>(() => WordPieceTokenizer.Load(folder.FullName));

            Assert.Equal($"{path}: model type 'BPE' is not supported (only WordPiece, as BERT-family encoders use)", error.Message);
            Assert.Equal(path, error.FilePath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_bert_base_uncased_files_give_the_standard_special_ids()
    {
        var tokenizer = GoldenCase.BertBaseUncased;

        Assert.Equal((101, 102, 0, 100, 30522), (tokenizer.ClsId, tokenizer.SepId, tokenizer.PadId, tokenizer.UnknownId, tokenizer.VocabularySize));
    }
}
