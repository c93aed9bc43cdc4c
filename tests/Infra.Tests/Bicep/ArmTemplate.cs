using System.Text.Json;

namespace Pipeline.Infra.Tests.Bicep;

/// <summary>
/// An ARM template as the Bicep compiler emits it: <c>resources</c> is an array, and each Bicep module is a nested
/// <c>Microsoft.Resources/deployments</c> resource with its own template inline (<c>properties.template</c>).
/// </summary>
internal sealed class ArmTemplate(JsonElement root)
{
    public const string Deployments = "Microsoft.Resources/deployments";

    public JsonElement Root { get; } = root;

    public JsonElement Parameters => Root.GetProperty("parameters");

    public JsonElement Variables => Root.GetProperty("variables");

    public IReadOnlyList<JsonElement> Resources
    {
        get
        {
            var resources = Root.GetProperty("resources");
            Assert.True(resources.ValueKind == JsonValueKind.Array, "expected a template whose resources are an array (languageVersion 1.0)");
            return [.. resources.EnumerateArray()];
        }
    }

    public static ArmTemplate Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ArmTemplate(document.RootElement.Clone());
    }

    public IEnumerable<JsonElement> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.Ordinal));

    /// <summary>The one resource of a type (fails when there are none or several).</summary>
    public JsonElement Single(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>The nested deployment of a module, by its deployment name (<c>module x '…' = { name: 'NAME' }</c>).</summary>
    public JsonElement ModuleDeployment(string name) =>
        Assert.Single(ResourcesOfType(Deployments), r => string.Equals(r.GetProperty("name").GetString(), name, StringComparison.Ordinal));

    /// <summary>The template of a module, by its deployment name.</summary>
    public ArmTemplate Module(string name) => new(ModuleDeployment(name).GetProperty("properties").GetProperty("template"));

    /// <summary>This template and every module's template under it, depth first, with the modules' deployment names as a path.</summary>
    public IEnumerable<(string Path, ArmTemplate Template)> WithModules(string path = "main")
    {
        yield return (path, this);
        foreach (var deployment in ResourcesOfType(Deployments))
        {
            var module = new ArmTemplate(deployment.GetProperty("properties").GetProperty("template"));
            foreach (var nested in module.WithModules($"{path}/{deployment.GetProperty("name").GetString()}"))
            {
                yield return nested;
            }
        }
    }

    /// <summary>A template expression without its brackets: <c>[x]</c> → <c>x</c>.</summary>
    public static string Unwrap(string expression)
    {
        Assert.True(expression.StartsWith('[') && expression.EndsWith(']'), $"'{expression}' is not a template expression");
        return expression[1..^1];
    }
}
