using System.Text.Json;
using Pipeline.Infra.Tests.Bicep;

namespace Pipeline.Infra.Tests;

/// <summary>
/// infra/main.parameters.json fits the compiled template: every value names a parameter the template declares, has
/// its type and meets its constraints, and every parameter without a default gets a value.
/// </summary>
public sealed class ParametersFileTests
{
    [BicepFact]
    public async Task Every_value_in_the_parameters_file_fits_a_declared_parameter()
    {
        var declared = (await CompiledInfra.MainAsync()).Parameters;
        var values = ParameterValues();

        Assert.NotEmpty(values);
        foreach (var (name, value) in values)
        {
            Assert.True(declared.TryGetProperty(name, out var parameter), $"main.parameters.json sets '{name}', which infra/main.bicep does not declare");
            var type = parameter.GetProperty("type").GetString()!;
            Assert.True(Fits(type, value), $"'{name}' is {value.ValueKind} in main.parameters.json, but the template declares {type}");
            if (parameter.TryGetProperty("allowedValues", out var allowed))
            {
                Assert.True(allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)), $"'{name}' is {value}, which is not one of {allowed}");
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                AssertWithin(name, value.GetString()!.Length, parameter, "minLength", "maxLength");
            }
            if (value.ValueKind == JsonValueKind.Array)
            {
                AssertWithin(name, value.GetArrayLength(), parameter, "minLength", "maxLength");
            }
            if (value.ValueKind == JsonValueKind.Number)
            {
                AssertWithin(name, value.GetInt64(), parameter, "minValue", "maxValue");
            }
        }
    }

    [BicepFact]
    public async Task Every_parameter_without_a_default_is_in_the_parameters_file()
    {
        var declared = (await CompiledInfra.MainAsync()).Parameters;
        var values = ParameterValues();

        var required = declared.EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name).ToList();
        Assert.Equal(["namePrefix"], required);
        Assert.All(required, name => Assert.True(values.ContainsKey(name), $"main.parameters.json does not set '{name}', which has no default"));
    }

    [Fact]
    public void The_parameters_file_is_a_deployment_parameters_document()
    {
        using var json = JsonDocument.Parse(Repository.Text("infra/main.parameters.json"));

        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", json.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("1.0.0.0", json.RootElement.GetProperty("contentVersion").GetString());
        Assert.All(json.RootElement.GetProperty("parameters").EnumerateObject(), p =>
            Assert.Equal(["value"], p.Value.EnumerateObject().Select(v => v.Name)));
    }

    /// <summary>The file's values by parameter name (each entry is <c>{ "value": … }</c>).</summary>
    private static Dictionary<string, JsonElement> ParameterValues()
    {
        using var json = JsonDocument.Parse(Repository.Text("infra/main.parameters.json"));
        return json.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").Clone(), StringComparer.Ordinal);
    }

    /// <summary>Whether a JSON value has an ARM parameter type (type names are case-insensitive in ARM).</summary>
    private static bool Fits(string type, JsonElement value) => type.ToUpperInvariant() switch
    {
        "STRING" or "SECURESTRING" => value.ValueKind == JsonValueKind.String,
        "INT" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "BOOL" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "OBJECT" or "SECUREOBJECT" => value.ValueKind == JsonValueKind.Object,
        "ARRAY" => value.ValueKind == JsonValueKind.Array,
        _ => throw new InvalidOperationException($"unknown ARM parameter type '{type}'"),
    };

    private static void AssertWithin(string name, long actual, JsonElement parameter, string minimum, string maximum)
    {
        if (parameter.TryGetProperty(minimum, out var min))
        {
            Assert.True(actual >= min.GetInt64(), $"'{name}': {actual} is below its {minimum} {min.GetInt64()}");
        }
        if (parameter.TryGetProperty(maximum, out var max))
        {
            Assert.True(actual <= max.GetInt64(), $"'{name}': {actual} is above its {maximum} {max.GetInt64()}");
        }
    }
}
