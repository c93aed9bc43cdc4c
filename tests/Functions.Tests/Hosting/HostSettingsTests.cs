using Pipeline.Functions.Hosting;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Connection;

namespace Pipeline.Functions.Tests.Hosting;

public class HostSettingsTests
{
    private static readonly StorageConnection Azurite = StorageConnection.FromSetting("UseDevelopmentStorage=true");

    [Theory]
    [InlineData("az://pipeline-jobs")]
    [InlineData("az://pipeline-jobs/")]
    public void An_az_store_is_the_named_container_of_the_account(string store)
    {
        using var opened = Assert.IsType<AzureBlobStore>(new HostSettings(Azurite, store, "/inputs").OpenStore());

        Assert.Equal("pipeline-jobs", opened.Container);
    }

    [Fact]
    public void The_default_store_is_a_container_of_the_account()
    {
        using var opened = Assert.IsType<AzureBlobStore>(new HostSettings(Azurite, HostSettings.DefaultStore, "/inputs").OpenStore());

        Assert.Equal("pipeline-jobs", opened.Container);
    }

    [Fact]
    public void A_path_inside_a_container_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new HostSettings(Azurite, "az://jobs/sub", "/inputs").OpenStore());

        Assert.Equal("a job store is a container (az://container), not a path inside one: az://jobs/sub", e.Message);
    }

    [Fact]
    public void An_az_store_without_an_account_is_refused_with_the_setting_to_set()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new HostSettings(null, "az://jobs", "/inputs").OpenStore());

        Assert.Equal("the job store az://jobs needs a storage account: set AzureWebJobsStorage or give --connection", e.Message);
    }

    [Fact]
    public void Any_other_store_is_a_local_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "host-settings-" + Guid.NewGuid().ToString("N"));

        var opened = new HostSettings(null, folder, "/inputs").OpenStore();

        Assert.Equal(folder, Assert.IsType<LocalBlobStore>(opened).Root);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
