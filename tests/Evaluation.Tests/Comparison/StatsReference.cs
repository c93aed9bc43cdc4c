using System.Globalization;
using System.Text.Json;

namespace Pipeline.Evaluation.Tests.Comparison;

/// <summary>
/// Reference values in data/stats/reference.json, produced once by data/stats/generate_reference.py with SciPy and
/// NumPy (see the README there). Tests read them; nothing here runs Python.
/// </summary>
internal static class StatsReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "stats", "reference.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Section(string name) => Root.GetProperty(name);

    public static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Section(section).GetArrayLength(); i++)
        {
            data.Add(i);
        }
        return data;
    }

    public static JsonElement Case(string section, int index) => Section(section)[index];

    public static double Number(this JsonElement element, string property) => element.GetProperty(property).GetDouble();

    public static double[] Numbers(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static ulong UInt64(this JsonElement element) => ulong.Parse(element.GetString()!, CultureInfo.InvariantCulture);
}
