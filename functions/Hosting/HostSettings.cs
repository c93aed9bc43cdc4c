using Microsoft.Extensions.Logging;
using Pipeline.Nightly;
using Pipeline.Stages.Environment;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Connection;
using Pipeline.Storage.Locations;
using Pipeline.Storage.Queues;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// The settings of the hosted modes (<c>serve</c>, <c>worker</c>, <c>submit</c>, <c>status</c>), from command-line
/// options or, when those are absent, the environment — the names Functions app settings use:
/// <list type="table">
/// <item><term><c>AzureWebJobsStorage</c></term><description>the storage account (connection string or account URL for Entra ID)</description></item>
/// <item><term><c>Pipeline__Store</c></term><description>the job store: <c>az://container</c> (default <c>az://pipeline-jobs</c>) or a folder</description></item>
/// <item><term><c>Pipeline__InputRoot</c></term><description>the folder relative job inputs are resolved in (default the current folder)</description></item>
/// </list>
/// </summary>
internal sealed record HostSettings(StorageConnection? Connection, string Store, string InputRoot)
{
    /// <summary>The environment variable of the job store.</summary>
    public const string StoreVariable = "Pipeline__Store";

    /// <summary>The environment variable of the input root.</summary>
    public const string InputRootVariable = "Pipeline__InputRoot";

    /// <summary>The job store when none is configured.</summary>
    public const string DefaultStore = "az://pipeline-jobs";

    /// <summary>Settings from the given overrides, else the environment.</summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static HostSettings Resolve(string? connection = null, string? store = null, string? inputRoot = null)
    {
        var account = string.IsNullOrWhiteSpace(connection) ? StorageConnection.FromEnvironment() : StorageConnection.FromSetting(connection);
        return new HostSettings(
            account,
            NonEmpty(store) ?? NonEmpty(Environment.GetEnvironmentVariable(StoreVariable)) ?? DefaultStore,
            Path.GetFullPath(NonEmpty(inputRoot) ?? NonEmpty(Environment.GetEnvironmentVariable(InputRootVariable)) ?? "."));
    }

    /// <summary>The job store.</summary>
    /// <exception cref="InvalidOperationException">An az:// store without a connection, or a path inside a container.</exception>
    public IBlobStore OpenStore(ILogger? logger = null)
    {
        if (!Store.StartsWith("az://", StringComparison.Ordinal))
        {
            return new LocalBlobStore(Store);
        }
        var container = ContainerOf(Store);
        var connection = Connection ?? throw new InvalidOperationException(
            $"the job store {Store} needs a storage account: set AzureWebJobsStorage or give --connection");
        return new AzureBlobStore(connection, container, logger: logger);
    }

    /// <summary>The stage queues of the account.</summary>
    /// <exception cref="InvalidOperationException">No connection is configured.</exception>
    public AzureQueueService OpenQueues(ILogger? logger = null) => new(
        Connection ?? throw new InvalidOperationException("the stage queues need a storage account: set AzureWebJobsStorage or give --connection"),
        logger: logger);

    /// <summary>
    /// A stage environment over the store and the input root, with the nightly finisher as its job-end handler: wherever a
    /// night's job ends, its history is recorded there, and the host that ends the night's last job writes the summary.
    /// </summary>
    public StageEnvironment CreateEnvironment(ILogger? logger = null)
    {
        var environment = new StageEnvironment(OpenStore(logger), new JobInputs(InputRoot, new StorageLocationResolver(Connection, logger: logger)), logger);
        NightlyFinisher.Attach(environment);
        return environment;
    }

    /// <summary>The container of an <c>az://container</c> store.</summary>
    /// <exception cref="InvalidOperationException">A path inside the container, or no container.</exception>
    public static string ContainerOf(string store)
    {
        var container = store["az://".Length..].TrimEnd('/');
        if (container.Length == 0 || container.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"a job store is a container (az://container), not a path inside one: {store}");
        }
        return container;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
