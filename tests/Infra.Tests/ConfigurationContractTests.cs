using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Tasks;
using Pipeline.Infra.Tests.Bicep;

namespace Pipeline.Infra.Tests;

/// <summary>
/// Every setting the code reads is set by infra/, present in local.settings.sample.json and documented in the
/// README's configuration reference; nothing in those three places is unknown to the code or the platform. What infra/
/// sets is read from the template the Bicep compiler emits (the Function app's app settings and the GPU workers'
/// environment), not from the Bicep source.
/// </summary>
public sealed partial class ConfigurationContractTests
{
    /// <summary>How a setting is used: by the deployed app (must be set everywhere) or by development tooling only.</summary>
    private enum Scope
    {
        App,
        HostProvided,
        Tooling,
    }

    /// <summary>
    /// Every environment read of the code, by call site (file and the argument expression), with the settings it
    /// reads. A new read fails <see cref="Every_environment_read_of_the_code_is_in_the_catalog"/> until it is added here
    /// — and then the other tests demand it in infra, the sample settings and the README.
    /// </summary>
    private static readonly (string File, string Argument, string[] Settings, Scope Scope)[] Reads =
    [
        ("shared/Storage/Connection/StorageConnection.cs", "name", ["AzureWebJobsStorage"], Scope.App),
        ("shared/Storage/Connection/StorageConnection.cs", "name + \"__blobServiceUri\"", ["AzureWebJobsStorage__blobServiceUri"], Scope.App),
        ("shared/Storage/Connection/StorageConnection.cs", "name + \"__queueServiceUri\"", ["AzureWebJobsStorage__queueServiceUri"], Scope.App),
        ("shared/Storage/Connection/StorageConnection.cs", "name + \"__accountName\"", ["AzureWebJobsStorage__accountName"], Scope.App),
        ("shared/DuckDb/DuckDbLibrary.cs", "EnvironmentVariable", ["DUCKDB_LIB"], Scope.Tooling),
        ("functions/Hosting/HostSettings.cs", "StoreVariable", ["Pipeline__Store"], Scope.App),
        ("functions/Hosting/HostSettings.cs", "InputRootVariable", ["Pipeline__InputRoot"], Scope.App),
        ("functions/Hosting/SubmitCommand.cs", "HostSettings.InputRootVariable", ["Pipeline__InputRoot"], Scope.App),
        // `pipeline submit --service-bus NAME` may name a setting holding the connection string (any name the user picks).
        ("functions/Hosting/SubmitCommand.cs", "connectionText", [], Scope.Tooling),
        ("functions/Hosting/Serve/FunctionInvoker.cs", "FunctionCatalog.SuitesSetting", ["Nightly__Suites"], Scope.App),
        ("functions/Hosting/ServeCommand.cs", "variable", ["FUNCTIONS_CUSTOMHANDLER_PORT", "FUNCTIONS_HTTPWORKER_PORT"], Scope.HostProvided),
    ];

    /// <summary>Connections named in function.json files: read by the Functions host on the app's behalf.</summary>
    private static readonly string[] BindingConnections = ["AzureWebJobsStorage", "ServiceBusConnection", "Nightly__Schedule"];

    /// <summary>Settings the platform reads (the Functions host, Azure.Identity, Application Insights), not our code.</summary>
    private static readonly string[] Platform =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "AZURE_CLIENT_ID", "ServiceBusConnection__fullyQualifiedNamespace", "AzureWebJobs.SubmitJobFromServiceBus.Disabled", "DOTNET_ROOT",
    ];

    /// <summary>Settings only tests read (documented in the README, never deployed).</summary>
    private static readonly string[] TestOnly = ["PIPELINE_CHROMIUM", BicepCli.EnvironmentVariable, "CI"];

    [Fact]
    public void Every_environment_read_of_the_code_is_in_the_catalog()
    {
        var found = new List<(string File, string Argument)>();
        foreach (var folder in new[] { "shared", "functions" })
        {
            foreach (var file in Directory.EnumerateFiles(Repository.File(folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (Match match in EnvironmentRead().Matches(File.ReadAllText(file)))
                {
                    found.Add((relative, match.Groups[1].Value.Trim()));
                }
            }
        }

        Assert.Equal(Reads.Select(r => (r.File, r.Argument)).Distinct().Order(), found.Distinct().Order());
    }

    [Fact]
    public void The_constants_behind_the_catalog_name_the_settings_it_says()
    {
        Assert.Contains("public const string StoreVariable = \"Pipeline__Store\";", Repository.Text("functions/Hosting/HostSettings.cs"), StringComparison.Ordinal);
        Assert.Contains("public const string InputRootVariable = \"Pipeline__InputRoot\";", Repository.Text("functions/Hosting/HostSettings.cs"), StringComparison.Ordinal);
        Assert.Contains("FromEnvironment(string name = \"AzureWebJobsStorage\")", Repository.Text("shared/Storage/Connection/StorageConnection.cs"), StringComparison.Ordinal);
        Assert.Matches("EnvironmentVariable = \"DUCKDB_LIB\"", Repository.Text("shared/DuckDb/DuckDbLibrary.cs"));
        Assert.Contains("\"FUNCTIONS_CUSTOMHANDLER_PORT\"", Repository.Text("functions/Hosting/ServeCommand.cs"), StringComparison.Ordinal);
        Assert.Contains("public const string SuitesSetting = \"Nightly__Suites\";", Repository.Text("functions/Hosting/Serve/FunctionCatalog.cs"), StringComparison.Ordinal);
        Assert.Contains("\"%Nightly__Schedule%\"", Repository.Text("functions/NightlyEvaluation/function.json"), StringComparison.Ordinal);
    }

    [BicepFact]
    public async Task Every_app_setting_the_code_or_its_bindings_read_is_set_by_infra()
    {
        var infra = await InfraSettingsAsync();
        foreach (var setting in AppSettings())
        {
            // An identity-based connection is set as its parts: AzureWebJobsStorage__accountName, ServiceBusConnection__fullyQualifiedNamespace...
            Assert.True(infra.Contains(setting) || infra.Any(s => s.StartsWith(setting + "__", StringComparison.Ordinal)),
                $"{setting} is read by the code but set nowhere in infra/");
        }
    }

    [Fact]
    public void Every_app_setting_is_in_the_sample_local_settings_and_the_readme()
    {
        var sample = SampleSettings();
        var readme = ReadmeSettings();
        foreach (var setting in AppSettings().Where(s => !s.Contains("__", StringComparison.Ordinal) || s.StartsWith("Pipeline__", StringComparison.Ordinal)))
        {
            Assert.True(sample.Contains(setting), $"{setting} is missing from local.settings.sample.json");
            Assert.True(readme.Contains(setting), $"{setting} is missing from the README's configuration table");
        }
        foreach (var setting in Reads.Where(r => r.Scope != Scope.App).SelectMany(r => r.Settings).Concat(TestOnly))
        {
            Assert.True(readme.Contains(setting) || setting == "FUNCTIONS_HTTPWORKER_PORT", $"{setting} is missing from the README's configuration table");
        }
    }

    [BicepFact]
    public async Task No_setting_in_infra_the_sample_or_the_readme_is_unknown_to_the_code()
    {
        var known = AppSettings().Concat(Reads.SelectMany(r => r.Settings)).Concat(Platform).Concat(TestOnly).ToHashSet(StringComparer.Ordinal);
        foreach (var (where, settings) in new[] { ("infra/", await InfraSettingsAsync()), ("local.settings.sample.json", SampleSettings()), ("README", ReadmeSettings()) })
        {
            foreach (var setting in settings)
            {
                Assert.True(known.Contains(setting), $"{where} sets or documents '{setting}', which nothing reads");
            }
        }
    }

    [BicepFact]
    public async Task The_storage_module_creates_exactly_the_stage_queues_and_their_poison_twins()
    {
        var storage = (await CompiledInfra.MainAsync()).Module("storage");

        var stageQueues = storage.Variables.GetProperty("stageQueues").EnumerateArray().Select(q => q.GetString());
        Assert.Equal(StageNames.All.Select(StageNames.Queue), stageQueues);
        var queues = storage.ResourcesOfType("Microsoft.Storage/storageAccounts/queueServices/queues").ToList();
        Assert.Equal(
            [
                "[format('{0}/{1}/{2}', parameters('name'), 'default', variables('stageQueues')[copyIndex()])]",
                "[format('{0}/{1}/{2}', parameters('name'), 'default', format('{0}-poison', variables('stageQueues')[copyIndex()]))]",
            ],
            queues.Select(q => q.GetProperty("name").GetString()));
        Assert.All(queues, q => Assert.Equal("[length(variables('stageQueues'))]", q.GetProperty("copy").GetProperty("count").GetString()));
    }

    /// <summary>Settings the deployed app needs: the catalog's app reads and the bindings' connections.</summary>
    private static HashSet<string> AppSettings() =>
        Reads.Where(r => r.Scope == Scope.App).SelectMany(r => r.Settings).Concat(BindingConnections).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Names set by infra/: the app settings of every Function app and the environment variables of every container in
    /// the compiled template, and the <c>ENV</c> lines of the Dockerfiles.
    /// </summary>
    private static async Task<HashSet<string>> InfraSettingsAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sites = 0;
        var containers = 0;
        foreach (var (_, template) in (await CompiledInfra.MainAsync()).WithModules())
        {
            foreach (var site in template.ResourcesOfType("Microsoft.Web/sites"))
            {
                sites++;
                foreach (var setting in AppSettingsOf(template, site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings")))
                {
                    names.Add(setting.GetProperty("name").GetString()!);
                }
            }
            foreach (var app in template.ResourcesOfType("Microsoft.App/containerApps"))
            {
                foreach (var container in app.GetProperty("properties").GetProperty("template").GetProperty("containers").EnumerateArray())
                {
                    containers++;
                    foreach (var variable in container.GetProperty("env").EnumerateArray())
                    {
                        names.Add(variable.GetProperty("name").GetString()!);
                    }
                }
            }
        }
        Assert.True(sites == 2 && containers == 1, $"expected the two Function app variants and the GPU worker container, found {sites} sites and {containers} containers");
        foreach (var file in Directory.EnumerateFiles(Repository.File("infra/container"), "Dockerfile*"))
        {
            foreach (Match match in DockerEnv().Matches(File.ReadAllText(file)))
            {
                names.Add(match.Groups[1].Value);
            }
        }
        return names;
    }

    private static HashSet<string> SampleSettings()
    {
        using var json = JsonDocument.Parse(Repository.Text("local.settings.sample.json"));
        return json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The first column of the README's configuration table.</summary>
    private static HashSet<string> ReadmeSettings()
    {
        var readme = Repository.Text("README.md");
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return ReadmeRow().Matches(section).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"Environment\.GetEnvironmentVariable\(([^()]*(?:\([^()]*\))?[^()]*)\)")]
    private static partial Regex EnvironmentRead();

    /// <summary>
    /// A site's <c>appSettings</c>: an array of <c>{ name, value }</c>, or the compiler's reference to variables holding
    /// such arrays (<c>[variables('a')]</c>, <c>[concat(variables('a'), variables('b'))]</c>). Any other form fails,
    /// so that a setting can never hide from this test.
    /// </summary>
    private static IEnumerable<JsonElement> AppSettingsOf(ArmTemplate template, JsonElement appSettings)
    {
        if (appSettings.ValueKind == JsonValueKind.Array)
        {
            return appSettings.EnumerateArray();
        }
        var expression = appSettings.GetString()!;
        Assert.Matches(@"^\[(concat\()?variables\('\w+'\)(, variables\('\w+'\))*\)?\]$", expression);
        return VariableReference().Matches(expression).SelectMany(m =>
        {
            var variable = template.Variables.GetProperty(m.Groups[1].Value);
            Assert.True(variable.ValueKind == JsonValueKind.Array, $"variable '{m.Groups[1].Value}' of {expression} is not an array of settings");
            return variable.EnumerateArray();
        });
    }

    [GeneratedRegex(@"variables\('(\w+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?m)^\s*(?:ENV\s+)?([A-Za-z_][A-Za-z0-9_]*)=\S+\s*\\?$")]
    private static partial Regex DockerEnv();

    [GeneratedRegex(@"(?m)^\| `([A-Za-z_][A-Za-z0-9_.]*)` \|")]
    private static partial Regex ReadmeRow();
}
