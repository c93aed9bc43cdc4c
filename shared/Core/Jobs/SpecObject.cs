using System.Globalization;
using System.Text.Json;

namespace Pipeline.Core.Jobs;

/// <summary>
/// One JSON object of a job spec being read: typed getters that record a problem (with its JSON path) instead of
/// throwing, and a check for fields nobody asked for (typos). Shared by the reader's sections.
/// </summary>
internal sealed class SpecObject
{
    private readonly JsonElement _element;
    private readonly List<JobSpecError> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SpecObject(JsonElement element, string path, List<JobSpecError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    public string At(string name) => $"{Path}.{name}";

    public void Error(string name, string message) => _errors.Add(new JobSpecError(At(name), message));

    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A nested object, or null when absent (or null); a problem when it is not an object.</summary>
    public SpecObject? Object(string name, bool required = false)
    {
        if (Get(name, required) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(name, $"must be an object, got {Kind(value)}");
            return null;
        }
        return new SpecObject(value, At(name), _errors);
    }

    public string? String(string name, bool required = false)
    {
        if (Get(name, required) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, $"must be a string, got {Kind(value)}");
            return null;
        }
        return value.GetString();
    }

    /// <summary>One of <paramref name="allowed"/>; <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var text = String(name) ?? fallback;
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            Error(name, $"must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, got '{text}'");
            return fallback;
        }
        return text;
    }

    public long? Long(string name, long fallback, long min, long max, bool optional = false)
    {
        if (Get(name, required: false) is not { } value)
        {
            return optional ? null : fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(name, $"must be a whole number, got {Kind(value)} {Shown(value)}");
            return optional ? null : fallback;
        }
        if (number < min || number > max)
        {
            Error(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min:N0} and {max:N0}, got {number:N0}"));
            return optional ? null : fallback;
        }
        return number;
    }

    public int Int(string name, int fallback, int min, int max) => (int)Long(name, fallback, min, max)!.Value;

    public int? OptionalInt(string name, int min, int max) => (int?)Long(name, 0, min, max, optional: true);

    public double Double(string name, double fallback, double min, double max)
    {
        if (Get(name, required: false) is not { } value)
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(name, $"must be a number, got {Kind(value)} {Shown(value)}");
            return fallback;
        }
        if (number < min || number > max)
        {
            Error(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, got {number}"));
            return fallback;
        }
        return number;
    }

    public bool Bool(string name, bool fallback)
    {
        if (Get(name, required: false) is not { } value)
        {
            return fallback;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(name, $"must be true or false, got {Kind(value)}");
            return fallback;
        }
        return value.GetBoolean();
    }

    public ulong ULong(string name, ulong fallback)
    {
        if (Get(name, required: false) is not { } value)
        {
            return fallback;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out var number))
        {
            Error(name, $"must be a non-negative whole number, got {Kind(value)} {Shown(value)}");
            return fallback;
        }
        return number;
    }

    /// <summary>An array of elements read by <paramref name="read"/> (which records its own problems and returns null for them).</summary>
    public List<T>? Array<T>(string name, Func<JsonElement, string, T?> read)
        where T : struct
    {
        if (Get(name, required: false) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be an array, got {Kind(value)}");
            return null;
        }
        var items = new List<T>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (read(item, $"{At(name)}[{i++}]") is { } parsed)
            {
                items.Add(parsed);
            }
        }
        return items;
    }

    public List<string>? StringArray(string name)
    {
        if (Get(name, required: false) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be an array of strings, got {Kind(value)}");
            return null;
        }
        var items = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                _errors.Add(new JobSpecError($"{At(name)}[{i}]", $"must be a non-empty string, got {Kind(item)}"));
            }
            else
            {
                items.Add(item.GetString()!);
            }
            i++;
        }
        return items;
    }

    /// <summary>The names of the object's fields, in document order.</summary>
    public IEnumerable<string> Names() => _element.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>Records a problem for every field that no getter asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                _errors.Add(new JobSpecError(At(property.Name), "unknown field (check its spelling against docs/job-spec.md)"));
            }
        }
    }

    private JsonElement? Get(string name, bool required)
    {
        _read.Add(name);
        if (!_element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(name, "is required");
            }
            return null;
        }
        return value;
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
