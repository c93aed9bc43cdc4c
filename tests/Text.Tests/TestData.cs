using System.Text.Json;

namespace Pipeline.Text.Tests;

/// <summary>Loads the Lucene 8 goldens under data/lucene8.</summary>
internal static class TestData
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "lucene8", name);

    public static IReadOnlyList<(string Id, string Text)> Texts() =>
        File.ReadLines(PathOf("texts.jsonl"))
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("text").GetString()!);
            })
            .ToList();

    /// <summary>id → expected terms.</summary>
    public static Dictionary<string, string[]> Expected(string analyzer) =>
        File.ReadLines(PathOf(analyzer + ".tsv"))
            .Select(line => line.Split('\t', 2))
            .ToDictionary(f => f[0], f => f[1].Length == 0 ? [] : f[1].Split(' '), StringComparer.Ordinal);

    public static IReadOnlyList<(string Word, string Stem)> PorterVocabulary() =>
        File.ReadLines(PathOf("porter-vocabulary.tsv"))
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1]))
            .ToList();
}
