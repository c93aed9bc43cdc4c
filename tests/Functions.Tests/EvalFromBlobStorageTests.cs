using Pipeline.Functions.Cli;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests;

/// <summary><c>pipeline eval</c> with qrels and run stored as blobs in a real Azurite.</summary>
public sealed class EvalFromBlobStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "eval", name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> UploadInputsAsync()
    {
        azurite.EnsureRunning();
        var container = "eval" + Guid.NewGuid().ToString("N")[..12];
        using var store = new AzureBlobStore(azurite.Connection, container);
        await store.CreateIfMissingAsync();
        foreach (var name in new[] { "qrels.txt", "run.txt", "run.malformed.txt" })
        {
            await using var file = File.OpenRead(Data(name));
            await store.UploadAsync("inputs/" + name, file);
        }
        return container;
    }

    [AzuriteFact]
    public async Task Qrels_and_run_in_azurite_evaluate_exactly_like_the_local_files()
    {
        var container = await UploadInputsAsync();

        var (exit, output, error) = Run("eval", "-q", "-c", "-m", "all_trec", "--connection", azurite.ConnectionString,
            $"az://{container}/inputs/qrels.txt", $"az://{container}/inputs/run.txt");

        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(File.ReadAllText(Data("expected.all_trec.q.c.txt")), output);
    }

    [AzuriteFact]
    public async Task A_blob_url_and_a_local_path_can_be_mixed()
    {
        var container = await UploadInputsAsync();

        var (exit, output, error) = Run("eval", "-c", "-M", "10", "-m", "recip_rank", "-m", "P.5", "--connection", azurite.ConnectionString,
            Data("qrels.txt"), $"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1/{container}/inputs/run.txt");

        Assert.Equal(string.Empty, error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(File.ReadAllText(Data("expected.mrr10.c.txt")), output);
    }

    [AzuriteFact]
    public async Task A_missing_blob_is_bad_input_naming_the_blob()
    {
        var container = await UploadInputsAsync();

        var (exit, output, error) = Run("eval", "--connection", azurite.ConnectionString,
            $"az://{container}/inputs/qrels.txt", $"az://{container}/inputs/no-such-run.txt");

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: Storage Get Blob ", error, StringComparison.Ordinal);
        Assert.Contains($"/{container}/inputs/no-such-run.txt failed: 404", error, StringComparison.Ordinal);
        Assert.Contains("BlobNotFound", error, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task A_malformed_blob_is_reported_with_its_location_and_line_not_the_temporary_copy()
    {
        var container = await UploadInputsAsync();
        var location = $"az://{container}/inputs/run.malformed.txt";

        var (exit, output, error) = Run("eval", "--connection", azurite.ConnectionString,
            $"az://{container}/inputs/qrels.txt", location);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal(string.Empty, output);
        var (localExit, _, localError) = Run("eval", Data("qrels.txt"), Data("run.malformed.txt"));
        Assert.Equal(CliApp.BadInput, localExit);
        Assert.StartsWith($"error: {location}:2: ", error, StringComparison.Ordinal);
        Assert.Equal(localError.Replace(Data("run.malformed.txt"), location, StringComparison.Ordinal), error);
    }
}
