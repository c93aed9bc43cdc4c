using System.Globalization;
using System.Text.Json;

namespace Pipeline.Tokenization;

/// <summary>Reads tokenizer.json, vocab.txt and tokenizer_config.json.</summary>
internal static class TokenizerFiles
{
    public const string TokenizerJson = "tokenizer.json";
    public const string VocabTxt = "vocab.txt";
    public const string ConfigJson = "tokenizer_config.json";

    public static WordPieceTokenizer Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new TokenizerException(directory, "tokenizer folder not found");
        }
        var configPath = Path.Combine(directory, ConfigJson);
        var config = File.Exists(configPath) ? ReadJson(configPath) : (JsonElement?)null;
        var jsonPath = Path.Combine(directory, TokenizerJson);
        if (File.Exists(jsonPath))
        {
            return FromTokenizerJson(jsonPath, config, configPath);
        }
        var vocabPath = Path.Combine(directory, VocabTxt);
        if (File.Exists(vocabPath))
        {
            return FromVocabTxt(vocabPath, config, configPath);
        }
        throw new TokenizerException(directory, $"no {TokenizerJson} or {VocabTxt} in the folder");
    }

    private static WordPieceTokenizer FromVocabTxt(string path, JsonElement? config, string configPath)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var line in File.ReadLines(path))
        {
            var token = line.TrimEnd('\r', '\n');
            vocab.TryAdd(token, index);
            index++;
        }
        if (vocab.Count == 0)
        {
            throw new TokenizerException(path, "the vocabulary is empty");
        }
        var options = new WordPieceTokenizerOptions
        {
            Normalizer = new BertNormalizerOptions
            {
                Lowercase = Bool(config, "do_lower_case", configPath) ?? true,
                StripAccents = Bool(config, "strip_accents", configPath),
                HandleChineseChars = Bool(config, "tokenize_chinese_chars", configPath) ?? true,
            },
            UnknownToken = String(config, "unk_token", configPath) ?? "[UNK]",
            ClsToken = String(config, "cls_token", configPath) ?? "[CLS]",
            SepToken = String(config, "sep_token", configPath) ?? "[SEP]",
            PadToken = String(config, "pad_token", configPath) ?? "[PAD]",
            ModelMaxLength = MaxLength(config, configPath),
        };
        // As Hugging Face's BertTokenizerFast does: the special tokens are added tokens, matched in the raw text.
        var mask = String(config, "mask_token", configPath) ?? "[MASK]";
        var added = new[] { options.PadToken, options.UnknownToken, options.ClsToken, options.SepToken, mask }
            .Distinct(StringComparer.Ordinal)
            .Where(vocab.ContainsKey)
            .Select(t => new AddedToken(t, vocab[t]))
            .ToArray();
        return Create(vocab, options with { AddedTokens = added }, path);
    }

    private static WordPieceTokenizer FromTokenizerJson(string path, JsonElement? config, string configPath)
    {
        var root = ReadJson(path);
        var model = Required(root, "model", path);
        var modelType = model.TryGetProperty("type", out var t) ? t.GetString() : "WordPiece";
        if (modelType != "WordPiece")
        {
            throw new TokenizerException(path, $"model type '{modelType}' is not supported (only WordPiece, as BERT-family encoders use)");
        }
        var vocabElement = Required(model, "vocab", path);
        if (vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw new TokenizerException(path, "model.vocab is not an object of token: id");
        }
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabElement.EnumerateObject())
        {
            vocab[entry.Name] = entry.Value.GetInt32();
        }
        var normalizer = new BertNormalizerOptions();
        if (root.TryGetProperty("normalizer", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            var type = n.TryGetProperty("type", out var nt) ? nt.GetString() : null;
            if (type != "BertNormalizer")
            {
                throw new TokenizerException(path, $"normalizer '{type}' is not supported (only BertNormalizer)");
            }
            normalizer = new BertNormalizerOptions
            {
                CleanText = Bool(n, "clean_text", path) ?? true,
                HandleChineseChars = Bool(n, "handle_chinese_chars", path) ?? true,
                Lowercase = Bool(n, "lowercase", path) ?? true,
                StripAccents = Bool(n, "strip_accents", path),
            };
        }
        else
        {
            normalizer = new BertNormalizerOptions { CleanText = false, HandleChineseChars = false, Lowercase = false, StripAccents = false };
        }
        if (root.TryGetProperty("pre_tokenizer", out var p) && p.ValueKind != JsonValueKind.Null
            && (p.TryGetProperty("type", out var pt) ? pt.GetString() : null) != "BertPreTokenizer")
        {
            throw new TokenizerException(path, $"pre_tokenizer '{p.GetProperty("type").GetString()}' is not supported (only BertPreTokenizer)");
        }
        var (cls, sep) = SpecialTokensOfPostProcessor(root, path);
        var added = new List<AddedToken>();
        if (root.TryGetProperty("added_tokens", out var addedElement) && addedElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addedElement.EnumerateArray())
            {
                var content = Required(a, "content", path).GetString() ?? string.Empty;
                var id = Required(a, "id", path).GetInt32();
                vocab.TryAdd(content, id);
                added.Add(new AddedToken(content, id, Bool(a, "normalized", path) ?? false, Bool(a, "lstrip", path) ?? false,
                    Bool(a, "rstrip", path) ?? false));
            }
        }
        var options = new WordPieceTokenizerOptions
        {
            Normalizer = normalizer,
            ContinuingSubwordPrefix = model.TryGetProperty("continuing_subword_prefix", out var prefix) && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()! : "##",
            MaxInputCharsPerWord = model.TryGetProperty("max_input_chars_per_word", out var maxChars) && maxChars.ValueKind == JsonValueKind.Number
                ? maxChars.GetInt32() : 100,
            UnknownToken = model.TryGetProperty("unk_token", out var unk) && unk.ValueKind == JsonValueKind.String ? unk.GetString()! : "[UNK]",
            ClsToken = cls,
            SepToken = sep,
            PadToken = String(config, "pad_token", configPath) ?? "[PAD]",
            AddedTokens = added,
            ModelMaxLength = MaxLength(config, configPath),
        };
        return Create(vocab, options, path);
    }

    // The BERT template: [CLS] $A [SEP] (single) and [CLS] $A [SEP] $B:1 [SEP]:1 (pair); BertProcessing or TemplateProcessing.
    private static (string Cls, string Sep) SpecialTokensOfPostProcessor(JsonElement root, string path)
    {
        if (!root.TryGetProperty("post_processor", out var pp) || pp.ValueKind == JsonValueKind.Null)
        {
            return ("[CLS]", "[SEP]");
        }
        var type = pp.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "BertProcessing":
                return (Required(pp, "cls", path)[0].GetString()!, Required(pp, "sep", path)[0].GetString()!);
            case "TemplateProcessing":
                var single = Required(pp, "single", path).EnumerateArray().Select(Piece).ToArray();
                var pair = Required(pp, "pair", path).EnumerateArray().Select(Piece).ToArray();
                if (single is [(true, var cls, 0), (false, "A", 0), (true, var sep, 0)]
                    && pair is [(true, var cls2, 0), (false, "A", 0), (true, var sep2, 0), (false, "B", 1), (true, var sep3, 1)]
                    && cls == cls2 && sep == sep2 && sep == sep3)
                {
                    return (cls, sep);
                }
                throw new TokenizerException(path, "post_processor template is not BERT's ([CLS] $A [SEP] / [CLS] $A [SEP] $B:1 [SEP]:1)");
            default:
                throw new TokenizerException(path, $"post_processor '{type}' is not supported (BertProcessing or a BERT TemplateProcessing)");
        }

        static (bool Special, string Id, int TypeId) Piece(JsonElement piece)
        {
            var special = piece.TryGetProperty("SpecialToken", out var s);
            var body = special ? s : piece.GetProperty("Sequence");
            return (special, body.GetProperty("id").GetString() ?? string.Empty, body.GetProperty("type_id").GetInt32());
        }
    }

    private static WordPieceTokenizer Create(Dictionary<string, int> vocab, WordPieceTokenizerOptions options, string path)
    {
        try
        {
            return new WordPieceTokenizer(vocab, options);
        }
        catch (TokenizerException e)
        {
            throw new TokenizerException(path, e.Message, e);
        }
    }

    private static JsonElement ReadJson(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TokenizerException(path, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw new TokenizerException(path, $"missing '{name}'");

    private static bool? Bool(JsonElement? element, string name, string path)
    {
        if (element is not { } e || !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TokenizerException(path, $"'{name}' must be true, false or null"),
        };
    }

    private static string? String(JsonElement? element, string name, string path)
    {
        if (element is not { } e || !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            // transformers writes special tokens as {"content": "[CLS]", ...} in newer configs
            JsonValueKind.Object when value.TryGetProperty("content", out var c) => c.GetString(),
            _ => throw new TokenizerException(path, $"'{name}' must be a string"),
        };
    }

    private static int? MaxLength(JsonElement? config, string path)
    {
        if (config is not { } e || !e.TryGetProperty("model_max_length", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        // transformers writes int(1e30) when a model states no limit.
        return value.TryGetInt32(out var n) && n > 0 ? n
            : double.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > int.MaxValue ? null
            : throw new TokenizerException(path, "'model_max_length' must be a positive integer");
    }
}
