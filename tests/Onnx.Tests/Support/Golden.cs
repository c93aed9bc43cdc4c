using System.Text.Json;

namespace Pipeline.Onnx.Tests.Support;

/// <summary>A model's golden file: the input batch and the NumPy reference outputs.</summary>
internal sealed class Golden
{
    private readonly JsonElement _root;

    private Golden(JsonElement root) => _root = root;

    public static string ModelPath(string name) => Path.Combine(AppContext.BaseDirectory, "data", "models", name + ".onnx");

    public static Golden Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "models", name + ".golden.json")));
        return new Golden(document.RootElement.Clone());
    }

    public long[][] Int64Rows(string key) =>
        _root.GetProperty(key).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();

    /// <summary>The values of a float output, flattened in row-major order.</summary>
    public float[] Flat(string key)
    {
        var values = new List<float>();
        Flatten(_root.GetProperty(key), values);
        return [.. values];
    }

    private static void Flatten(JsonElement element, List<float> into)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(element.GetSingle());
        }
    }
}
