using System.IO.Compression;
using System.Text.Json;

namespace Pipeline.Tokenization.Tests;

/// <summary>One reference encoding from the Hugging Face JS tokenizer.</summary>
public sealed record GoldenCase(string Text, string? TextPair, int? MaxLength, string? Strategy, int[] Ids, int[] TypeIds)
{
    public static string DataPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static WordPieceTokenizer BertBaseUncased { get; } = WordPieceTokenizer.Load(DataPath("bert-base-uncased"));

    public static IEnumerable<GoldenCase> Read(string file)
    {
        var path = DataPath(file);
        using Stream stream = file.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : File.OpenRead(path);
        using var reader = new StreamReader(stream);
        var cases = new List<GoldenCase>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            cases.Add(new GoldenCase(
                root.GetProperty("text").GetString()!,
                root.GetProperty("text_pair").GetString(),
                root.TryGetProperty("max_length", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null,
                root.TryGetProperty("strategy", out var s) ? s.GetString() : null,
                root.GetProperty("ids").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                root.GetProperty("token_type_ids").EnumerateArray().Select(v => v.GetInt32()).ToArray()));
        }
        return cases;
    }

    public TruncationStrategy ParsedStrategy => Strategy switch
    {
        null or "longest_first" => TruncationStrategy.LongestFirst,
        "only_first" => TruncationStrategy.OnlyFirst,
        "only_second" => TruncationStrategy.OnlySecond,
        _ => throw new InvalidDataException($"unknown strategy {Strategy}"),
    };
}
