using Pipeline.Functions.Tests.Serve.Support;
using Pipeline.Functions.Tests.Support;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>
/// <c>pipeline serve</c> as the Function app runs it: <c>AzureWebJobsStorage</c> set, the job store the default
/// container <c>az://pipeline-jobs</c> of that account (a real Azurite here).
/// </summary>
public sealed class ServeOnAzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [AzuriteDuckDbFact]
    public async Task A_job_served_over_the_storage_account_has_the_results_of_the_same_job_served_over_a_folder()
    {
        azurite.EnsureRunning();
        var jobId = ServeFixture.NewJobId("azure");
        var results = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);

        await using (var overAccount = await ServeProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pipeline__Store"] = null,
        }))
        {
            await RunAsync(overAccount, jobId);
            using var store = new AzureBlobStore(azurite.Connection, "pipeline-jobs");
            results["account"] = new(StringComparer.Ordinal)
            {
                ["runs/bm25.trec"] = await AzuriteBlobs.DownloadAsync(store, $"{jobId}/runs/bm25.trec"),
                ["metrics.json"] = await AzuriteBlobs.DownloadAsync(store, $"{jobId}/metrics.json"),
            };
        }
        await using (var overFolder = await ServeProcess.StartAsync())
        {
            await RunAsync(overFolder, jobId);
            results["folder"] = new(StringComparer.Ordinal)
            {
                ["runs/bm25.trec"] = await File.ReadAllBytesAsync(Path.Combine(overFolder.Store, jobId, "runs", "bm25.trec")),
                ["metrics.json"] = await File.ReadAllBytesAsync(Path.Combine(overFolder.Store, jobId, "metrics.json")),
            };
        }

        Assert.True(results["account"]["runs/bm25.trec"].Length > 100_000);
        Assert.Equal(results["folder"]["runs/bm25.trec"], results["account"]["runs/bm25.trec"]);
        Assert.Equal(results["folder"]["metrics.json"], results["account"]["metrics.json"]);
    }

    private static async Task RunAsync(ServeProcess serve, string jobId)
    {
        var (_, submitted) = await serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));
        Assert.Equal(202, HostPayloads.Response(submitted).Status);

        var invocations = await FunctionsHostLoop.RunAsync(serve, submitted);

        Assert.Equal(18, invocations.Count);
        var (_, status) = await serve.PostAsync("JobStatus", HostPayloads.Http("GET", $"http://localhost:7071/api/jobs/{jobId}",
            routeParams: new System.Text.Json.Nodes.JsonObject { ["jobId"] = jobId }));
        Assert.Equal("completed", HostPayloads.Response(status).Body["state"]!.GetValue<string>());
    }
}
