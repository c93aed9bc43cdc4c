namespace Pipeline.Tokenization.Tests;

/// <summary>Exact agreement with encodings made by the Hugging Face JS tokenizer (data/make_encodings.mjs, make_golden.mjs).</summary>
public sealed class GoldenEncodingTests
{
    [Fact]
    public void The_fourteen_edge_case_encodings_match_exactly()
    {
        var cases = GoldenCase.Read("golden_bert_base_uncased.jsonl").ToList();

        var mismatches = Mismatches(cases);

        Assert.Equal(14, cases.Count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Thousands_of_real_document_query_and_pair_encodings_with_truncation_match_exactly()
    {
        var cases = GoldenCase.Read("encodings.jsonl.gz").ToList();

        var mismatches = Mismatches(cases);

        Assert.Equal(2775, cases.Count);
        Assert.Equal(1100, cases.Count(c => c.MaxLength is not null && c.TextPair is not null));
        Assert.Empty(mismatches);
    }

    [Fact]
    public void A_tokenizer_loaded_from_vocab_txt_and_tokenizer_config_encodes_like_tokenizer_json()
    {
        var folder = Directory.CreateTempSubdirectory("vocab-only-");
        try
        {
            File.Copy(GoldenCase.DataPath("bert-base-uncased", "vocab.txt"), Path.Combine(folder.FullName, "vocab.txt"));
            File.Copy(GoldenCase.DataPath("bert-base-uncased", "tokenizer_config.json"), Path.Combine(folder.FullName, "tokenizer_config.json"));
            var tokenizer = WordPieceTokenizer.Load(folder.FullName);
            var cases = GoldenCase.Read("golden_bert_base_uncased.jsonl").Concat(GoldenCase.Read("encodings.jsonl.gz").Take(400)).ToList();

            var mismatches = Mismatches(cases, tokenizer);

            Assert.Equal(414, cases.Count);
            Assert.Empty(mismatches);
            Assert.Equal(512, tokenizer.Options.ModelMaxLength);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<string> Mismatches(IEnumerable<GoldenCase> cases, WordPieceTokenizer? tokenizer = null)
    {
        tokenizer ??= GoldenCase.BertBaseUncased;
        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            var encoding = tokenizer.Encode(c.Text, c.TextPair, c.MaxLength, c.ParsedStrategy);
            if (!encoding.Ids.SequenceEqual(c.Ids) || !encoding.TypeIds.SequenceEqual(c.TypeIds)
                || !encoding.AttentionMask().SequenceEqual(Enumerable.Repeat(1, c.Ids.Length)))
            {
                var at = encoding.Ids.Zip(c.Ids).TakeWhile(p => p.First == p.Second).Count();
                mismatches.Add($"'{Shorten(c.Text)}' / '{Shorten(c.TextPair)}' max {c.MaxLength} {c.Strategy}: first difference at token {at}, "
                    + $"expected [{string.Join(',', c.Ids.Skip(Math.Max(0, at - 2)).Take(5))}] got [{string.Join(',', encoding.Ids.Skip(Math.Max(0, at - 2)).Take(5))}]");
            }
        }
        return mismatches;
    }

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 60 ? text : text[..60] + "…";
}
