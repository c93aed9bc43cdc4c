using Pipeline.Storage.Connection;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Tests.Connection;

public class StorageConnectionTests
{
    [Fact]
    public void Use_development_storage_expands_to_azurite_on_loopback_with_the_well_known_account()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(("devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1", "http://127.0.0.1:10001/devstoreaccount1"),
            (connection.AccountName, connection.BlobEndpoint!.AbsoluteUri, connection.QueueEndpoint!.AbsoluteUri));
        Assert.Equal("SharedKey(devstoreaccount1)", connection.Credential.ToString());
    }

    [Fact]
    public void An_account_key_string_derives_endpoints_from_protocol_and_suffix()
    {
        var connection = StorageConnection.Parse(
            "DefaultEndpointsProtocol=https;AccountName=prodacct;AccountKey=AAAA;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(("prodacct", "https://prodacct.blob.core.chinacloudapi.cn/", "https://prodacct.queue.core.chinacloudapi.cn/"),
            (connection.AccountName, connection.BlobEndpoint!.AbsoluteUri, connection.QueueEndpoint!.AbsoluteUri));
        Assert.IsType<SharedKeyCredential>(connection.Credential);
    }

    [Fact]
    public void Explicit_endpoints_win_over_derived_ones_and_keys_are_case_insensitive()
    {
        var connection = StorageConnection.Parse(
            "defaultendpointsprotocol=http;accountname=devstoreaccount1;accountkey=AAAA;"
            + "blobendpoint=http://127.0.0.1:41000/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;");

        Assert.Equal(("http://127.0.0.1:41000/devstoreaccount1", "http://127.0.0.1:41001/devstoreaccount1"),
            (connection.BlobEndpoint!.AbsoluteUri, connection.QueueEndpoint!.AbsoluteUri));
    }

    [Fact]
    public void A_sas_connection_string_takes_its_account_from_the_endpoint()
    {
        var connection = StorageConnection.Parse(
            "BlobEndpoint=https://sasacct.blob.core.windows.net;SharedAccessSignature=sv=2025-11-05&sig=abc%3D");

        Assert.Equal(("sasacct", null), (connection.AccountName, connection.QueueEndpoint));
        Assert.IsType<SasCredential>(connection.Credential);
    }

    [Fact]
    public async Task A_sas_is_appended_to_the_request_query()
    {
        var credential = new SasCredential("?sv=2025-11-05&sig=abc%3D");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://a.blob.core.windows.net/c?restype=container&comp=list");

        await credential.AuthorizeAsync(request, CancellationToken.None);

        Assert.Equal("https://a.blob.core.windows.net/c?restype=container&comp=list&sv=2025-11-05&sig=abc%3D",
            request.RequestUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData("AccountName=acct", "neither AccountKey nor SharedAccessSignature")]
    [InlineData("AccountKey=AAAA", "names neither AccountName nor BlobEndpoint/QueueEndpoint")]
    [InlineData("garbage", "'Key=Value' pairs")]
    [InlineData("AccountName=a;AccountKey=AAAA;DefaultEndpointsProtocol=ftp", "'http' or 'https'")]
    [InlineData("BlobEndpoint=not a url;AccountKey=AAAA", "absolute http(s) URL")]
    public void Malformed_connection_strings_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnection.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_url_uses_entra_id_and_derives_the_queue_endpoint()
    {
        var connection = StorageConnection.FromSetting("https://prodacct.blob.core.windows.net/");

        Assert.Equal(("prodacct", "https://prodacct.blob.core.windows.net/", "https://prodacct.queue.core.windows.net/"),
            (connection.AccountName, connection.BlobEndpoint!.AbsoluteUri, connection.QueueEndpoint!.AbsoluteUri));
        Assert.IsType<EntraIdCredential>(connection.Credential);
    }

    [Fact]
    public void A_setting_with_key_value_pairs_is_parsed_as_a_connection_string()
    {
        var connection = StorageConnection.FromSetting("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", connection.AccountName);
    }
}
