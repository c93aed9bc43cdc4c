using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Tasks;
using Pipeline.Infra.Tests.Bicep;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The security posture and the scaling contract, read from the ARM JSON the compiler emits for infra/main.bicep (what
/// Azure Resource Manager would receive), not from the Bicep source.
/// </summary>
public sealed partial class SecurityPostureTests
{
    /// <summary>
    /// The built-in roles the templates grant, by name and id, as Microsoft's list of Azure built-in roles gives them
    /// (learn.microsoft.com, "Azure built-in roles": the Storage, Integration and Monitor pages).
    /// </summary>
    private static readonly Dictionary<string, string> BuiltInRoles = new(StringComparer.Ordinal)
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Blob Data Contributor"] = "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Azure Service Bus Data Receiver"] = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
        ["Azure Service Bus Data Sender"] = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
    };

    [BicepFact]
    public async Task The_storage_account_refuses_shared_keys_old_tls_plain_http_and_public_blobs()
    {
        var storage = (await CompiledInfra.MainAsync()).Module("storage");
        var account = storage.Single("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.Equal(JsonValueKind.False, account.GetProperty("allowSharedKeyAccess").ValueKind);
        Assert.Equal("TLS1_2", account.GetProperty("minimumTlsVersion").GetString());
        Assert.Equal(JsonValueKind.False, account.GetProperty("allowBlobPublicAccess").ValueKind);
        Assert.Equal(JsonValueKind.True, account.GetProperty("supportsHttpsTrafficOnly").ValueKind);
        Assert.Equal(JsonValueKind.True, account.GetProperty("defaultToOAuthAuthentication").ValueKind);
        var containers = storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.Equal(2, containers.Count);
        Assert.All(containers, c => Assert.Equal("None", c.GetProperty("properties").GetProperty("publicAccess").GetString()));
    }

    [BicepFact]
    public async Task The_function_app_is_https_only_without_ftp_and_reaches_storage_by_its_system_assigned_identity()
    {
        var functions = (await CompiledInfra.MainAsync()).Module("functions");
        var sites = functions.ResourcesOfType("Microsoft.Web/sites").ToList();

        // One site per plan, exactly one of them deployed.
        Assert.Equal(["[variables('isFlex')]", "[not(variables('isFlex'))]"], sites.Select(s => s.GetProperty("condition").GetString()));
        Assert.Equal("[equals(parameters('plan'), 'FlexConsumption')]", functions.Variables.GetProperty("isFlex").GetString());
        Assert.Equal(["FlexConsumption", "ElasticPremium"], Strings(functions.Parameters.GetProperty("plan").GetProperty("allowedValues")));
        foreach (var site in sites)
        {
            Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
            Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
            var properties = site.GetProperty("properties");
            Assert.Equal(JsonValueKind.True, properties.GetProperty("httpsOnly").ValueKind);
            Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
            Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        }
        var deployment = sites[0].GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        Assert.Equal("SystemAssignedIdentity", deployment.GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal("custom", sites[0].GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());

        // Identity-based connections only: no connection string, account key or SAS anywhere in the settings.
        var settings = functions.Variables.GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!, StringComparer.Ordinal);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage (a connection string) must not be set; the app uses AzureWebJobsStorage__*");
        Assert.DoesNotContain(settings.Values, v => v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || v.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase));
    }

    [BicepFact]
    public async Task Application_insights_and_service_bus_refuse_local_keys_and_old_tls()
    {
        var main = await CompiledInfra.MainAsync();
        var insights = main.Module("monitoring").Single("Microsoft.Insights/components").GetProperty("properties");
        var bus = main.Module("servicebus");

        Assert.Equal(JsonValueKind.True, insights.GetProperty("DisableLocalAuth").ValueKind);
        Assert.Equal("1.2", bus.Single("Microsoft.ServiceBus/namespaces").GetProperty("properties").GetProperty("minimumTlsVersion").GetString());
        // The one SAS rule, for outside submitters, can only send, and only to the intake queue.
        var rule = bus.Single("Microsoft.ServiceBus/namespaces/queues/authorizationRules");
        Assert.Equal(["Send"], Strings(rule.GetProperty("properties").GetProperty("rights")));
        Assert.Equal("[parameters('serviceBus')]", main.ModuleDeployment("servicebus").GetProperty("condition").GetString());
    }

    [BicepFact]
    public async Task The_gpu_workers_scale_from_zero_on_the_rerank_queue_with_their_managed_identity()
    {
        var workers = (await CompiledInfra.MainAsync()).Module("workers");
        var identity = workers.Single("Microsoft.ManagedIdentity/userAssignedIdentities");
        var identityId = $"resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', {ArmTemplate.Unwrap(identity.GetProperty("name").GetString()!)})";
        var app = workers.Single("Microsoft.App/containerApps");

        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        var assigned = Assert.Single(app.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject());
        Assert.Equal($"[format('{{0}}', {identityId})]", assigned.Name);

        var template = app.GetProperty("properties").GetProperty("template");
        var scale = template.GetProperty("scale");
        Assert.Equal(0, scale.GetProperty("minReplicas").GetInt32());
        Assert.Equal("[parameters('maxReplicas')]", scale.GetProperty("maxReplicas").GetString());
        var rule = Assert.Single(scale.GetProperty("rules").EnumerateArray()).GetProperty("custom");
        Assert.Equal("azure-queue", rule.GetProperty("type").GetString());
        Assert.Equal($"[{identityId}]", rule.GetProperty("identity").GetString());
        Assert.False(rule.TryGetProperty("auth", out _), "the scale rule must authenticate with the identity, not with secrets");
        Assert.False(app.GetProperty("properties").GetProperty("configuration").TryGetProperty("secrets", out _), "the worker app holds no secrets");
        var metadata = rule.GetProperty("metadata");
        Assert.Equal(StageNames.Queue(Stage.Rerank), metadata.GetProperty("queueName").GetString());
        Assert.Equal("[parameters('storageAccountName')]", metadata.GetProperty("accountName").GetString());
        Assert.Equal("1", metadata.GetProperty("queueLength").GetString());

        // The workers poll the queue the rule watches, and reach storage with the same identity.
        var container = Assert.Single(template.GetProperty("containers").EnumerateArray());
        Assert.Equal(["worker", "--queues", StageNames.Queue(Stage.Rerank), "--parallel", "1", "--visibility-timeout", "300"], Strings(container.GetProperty("args")));
        var environment = container.GetProperty("env").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString()!, StringComparer.Ordinal);
        Assert.Equal("managedidentity", environment["AzureWebJobsStorage__credential"]);
        Assert.Equal($"[reference({identityId}, '2023-01-31').clientId]", environment["AzureWebJobsStorage__clientId"]);
        Assert.Equal(environment["AzureWebJobsStorage__clientId"], environment["AZURE_CLIENT_ID"]);
    }

    [BicepFact]
    public async Task The_gpu_workload_profile_is_a_serverless_t4_or_a100_chosen_by_parameter()
    {
        var main = await CompiledInfra.MainAsync();
        var workers = main.Module("workers");

        Assert.Equal(["T4", "A100"], Strings(main.Parameters.GetProperty("gpu").GetProperty("allowedValues")));
        Assert.Equal("T4", main.Parameters.GetProperty("gpu").GetProperty("defaultValue").GetString());
        Assert.Equal("[parameters('gpuWorkers')]", main.ModuleDeployment("workers").GetProperty("condition").GetString());
        Assert.Equal("[parameters('gpu')]", main.ModuleDeployment("workers").GetProperty("properties").GetProperty("parameters").GetProperty("gpu").GetProperty("value").GetString());
        Assert.Equal(["T4", "A100"], Strings(workers.Parameters.GetProperty("gpu").GetProperty("allowedValues")));
        var profiles = workers.Variables.GetProperty("gpuProfiles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, string?>(StringComparer.Ordinal) { ["T4"] = "Consumption-GPU-NC8as-T4", ["A100"] = "Consumption-GPU-NC24-A100" }, profiles);

        var workloadProfiles = workers.Single("Microsoft.App/managedEnvironments").GetProperty("properties").GetProperty("workloadProfiles").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("workloadProfileType").GetString(), StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Consumption"] = "Consumption", ["gpu"] = "[variables('gpuProfiles')[parameters('gpu')]]" }, workloadProfiles);
        Assert.Equal("gpu", workers.Single("Microsoft.App/containerApps").GetProperty("properties").GetProperty("workloadProfileName").GetString());
    }

    [BicepFact]
    public async Task Every_role_assignment_grants_a_built_in_data_role_by_its_documented_id()
    {
        var main = await CompiledInfra.MainAsync();
        var roles = main.Module("roles");

        var ids = roles.Variables.GetProperty("builtInRoles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        Assert.Equal(BuiltInRoles, ids);

        // Every assignment names its role through that table (no GUID typed anywhere else), and lives in the roles module.
        foreach (var (path, template) in main.WithModules())
        {
            var assignments = template.ResourcesOfType("Microsoft.Authorization/roleAssignments").ToList();
            Assert.True(path == "main/roles" || assignments.Count == 0, $"{path} assigns roles; keep them in modules/roles.bicep");
        }
        var granted = new List<(string Principal, string Role, string Scope)>();
        foreach (var assignment in roles.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var properties = assignment.GetProperty("properties");
            var role = RoleDefinition().Match(properties.GetProperty("roleDefinitionId").GetString()!);
            Assert.True(role.Success, $"'{properties.GetProperty("roleDefinitionId").GetString()}' does not take its id from builtInRoles");
            var scope = assignment.GetProperty("scope").GetString()!;
            if (assignment.TryGetProperty("copy", out _))
            {
                Assert.Equal("filter(variables('storageGrants'), lambda('g', lambdaVariables('g').when))[copyIndex()].role", role.Groups[1].Value);
                Assert.Equal("[filter(variables('storageGrants'), lambda('g', lambdaVariables('g').when))[copyIndex()].principal]", properties.GetProperty("principalId").GetString());
                foreach (var grant in roles.Variables.GetProperty("storageGrants").EnumerateArray())
                {
                    granted.Add((grant.GetProperty("principal").GetString()!, grant.GetProperty("role").GetString()!, scope));
                }
            }
            else
            {
                granted.Add((properties.GetProperty("principalId").GetString()!, role.Groups[1].Value.Trim('\''), scope));
            }
        }

        const string Storage = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
        const string Insights = "[resourceId('Microsoft.Insights/components', parameters('insightsName'))]";
        const string Bus = "[resourceId('Microsoft.ServiceBus/namespaces', if(empty(parameters('serviceBusName')), 'unused', parameters('serviceBusName')))]";
        (string, string, string)[] expected =
        [
            ("[parameters('functionPrincipalId')]", "Storage Blob Data Owner", Storage),
            ("[parameters('functionPrincipalId')]", "Storage Queue Data Contributor", Storage),
            ("[parameters('workerPrincipalId')]", "Storage Blob Data Contributor", Storage),
            ("[parameters('workerPrincipalId')]", "Storage Queue Data Contributor", Storage),
            ("[parameters('submitterPrincipalId')]", "Storage Blob Data Contributor", Storage),
            ("[parameters('submitterPrincipalId')]", "Storage Queue Data Contributor", Storage),
            ("[parameters('functionPrincipalId')]", "Monitoring Metrics Publisher", Insights),
            ("[parameters('functionPrincipalId')]", "Azure Service Bus Data Receiver", Bus),
            ("[parameters('submitterPrincipalId')]", "Azure Service Bus Data Sender", Bus),
        ];
        Assert.Equal(expected.Order(), granted.Order());
    }

    [BicepFact]
    public async Task The_optional_principals_get_no_grant_when_they_are_absent()
    {
        var main = await CompiledInfra.MainAsync();
        var roles = main.Module("roles");

        var when = roles.Variables.GetProperty("storageGrants").EnumerateArray()
            .Select(g => (g.GetProperty("principal").GetString(), g.GetProperty("when").ValueKind == JsonValueKind.True ? "always" : g.GetProperty("when").GetString()))
            .Distinct();
        Assert.Equal(
            [
                ("[parameters('functionPrincipalId')]", "always"),
                ("[parameters('workerPrincipalId')]", "[not(empty(parameters('workerPrincipalId')))]"),
                ("[parameters('submitterPrincipalId')]", "[not(empty(parameters('submitterPrincipalId')))]"),
            ],
            when);
        // Without GPU workers the roles module gets no worker principal (not the Function app's, which would duplicate its grants).
        Assert.Equal(
            "[if(parameters('gpuWorkers'), createObject('value', reference(resourceId('Microsoft.Resources/deployments', 'workers'), '2025-04-01').outputs.principalId.value), createObject('value', ''))]",
            main.ModuleDeployment("roles").GetProperty("properties").GetProperty("parameters").GetProperty("workerPrincipalId").GetString());
        var conditions = roles.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Select(a => a.TryGetProperty("condition", out var c) ? c.GetString() : "always");
        Assert.Equal(
            ["always", "always", "[not(empty(parameters('serviceBusName')))]", "[and(not(empty(parameters('serviceBusName'))), not(empty(parameters('submitterPrincipalId'))))]"],
            conditions);
    }

    [BicepFact]
    public async Task Principal_types_are_service_principals_for_the_apps_and_chosen_for_the_submitter()
    {
        var main = await CompiledInfra.MainAsync();
        var roles = main.Module("roles");

        var types = roles.Variables.GetProperty("storageGrants").EnumerateArray()
            .Select(g => (g.GetProperty("principal").GetString(), g.GetProperty("type").GetString()))
            .Distinct();
        Assert.Equal(
            [
                ("[parameters('functionPrincipalId')]", "ServicePrincipal"),
                ("[parameters('workerPrincipalId')]", "ServicePrincipal"),
                ("[parameters('submitterPrincipalId')]", "[parameters('submitterPrincipalType')]"),
            ],
            types);
        var busSender = roles.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Single(a => a.GetProperty("properties").GetProperty("principalId").GetString() == "[parameters('submitterPrincipalId')]");
        Assert.Equal("[parameters('submitterPrincipalType')]", busSender.GetProperty("properties").GetProperty("principalType").GetString());
        Assert.Equal(["User", "Group", "ServicePrincipal"],
            Strings(main.Parameters.GetProperty("submitterPrincipalType").GetProperty("allowedValues")));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', variables\('builtInRoles'\)\[(.+)\]\)\]$")]
    private static partial Regex RoleDefinition();
}
