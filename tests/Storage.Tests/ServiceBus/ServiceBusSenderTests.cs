using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Storage.ServiceBus;

namespace Pipeline.Storage.Tests.ServiceBus;

/// <summary>
/// The Service Bus REST send, against a real HTTP server standing in for the namespace (no Service Bus emulator runs
/// here): the request the namespace would receive — path, SAS token, body, message id — is checked in full.
/// </summary>
public sealed class ServiceBusSenderTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    [Fact]
    public void A_connection_string_gives_the_https_endpoint_the_key_and_the_entity()
    {
        var connection = ServiceBusConnection.Parse(
            $"Endpoint=sb://jobs-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key};EntityPath=submit-job");

        Assert.Equal(new Uri("https://jobs-ns.servicebus.windows.net/"), connection.Endpoint);
        Assert.Equal("send", connection.KeyName);
        Assert.Equal(Key, connection.Key);
        Assert.Equal("submit-job", connection.EntityPath);
        Assert.Equal(new Uri("https://jobs-ns.servicebus.windows.net/submit-job"), connection.QueueUri("submit-job"));
        Assert.DoesNotContain(Key, connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SharedAccessKeyName=send;SharedAccessKey=k", "no Endpoint")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=k", "no SharedAccessKeyName")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send", "no SharedAccessKey")]
    [InlineData("Endpoint=ftp://ns/;SharedAccessKeyName=send;SharedAccessKey=k", "must be sb://")]
    public void A_malformed_connection_string_is_an_error_that_never_shows_the_key(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnection.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("=k", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sas_token_signs_the_encoded_resource_and_expiry_with_the_key()
    {
        var resource = new Uri("https://jobs-ns.servicebus.windows.net/submit-job");
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

        var token = ServiceBusSender.SasToken(resource, "send", Key, expiry);

        const string encoded = "https%3A%2F%2Fjobs-ns.servicebus.windows.net%2Fsubmit-job";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(encoded + "\n1795000000")));
        Assert.Equal($"SharedAccessSignature sr={encoded}&sig={Uri.EscapeDataString(signature)}&se=1795000000&skn=send", token);
    }

    [Fact]
    public async Task Sending_posts_the_body_to_the_queue_messages_endpoint_with_a_valid_token_and_the_message_id()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveOneAsync(listener, HttpStatusCode.Created);
        var connection = ServiceBusConnection.Parse($"Endpoint=http://127.0.0.1:{port}/;SharedAccessKeyName=send;SharedAccessKey={Key}");
        using var sender = new ServiceBusSender(connection);

        await sender.SendAsync("submit-job", """{"jobId":"j1"}""", "j1");

        var request = await received;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/submit-job/messages", request.Path);
        Assert.Equal("""{"jobId":"j1"}""", request.Body);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"MessageId":"j1"}""", request.BrokerProperties);
        // The namespace's check: recompute the signature from the token's own resource and expiry.
        var fields = request.Authorization!["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(Uri.EscapeDataString($"http://127.0.0.1:{port}/submit-job"), fields["sr"]);
        Assert.Equal("send", fields["skn"]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        Assert.Equal(expected, Uri.UnescapeDataString(fields["sig"]));
        Assert.InRange(long.Parse(fields["se"], System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60, 900);
    }

    [Fact]
    public async Task A_refused_send_is_an_error_with_the_status_and_without_the_key()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveOneAsync(listener, HttpStatusCode.Unauthorized);
        using var sender = new ServiceBusSender(ServiceBusConnection.Parse($"Endpoint=http://127.0.0.1:{port}/;SharedAccessKeyName=send;SharedAccessKey={Key}"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => sender.SendAsync("submit-job", "{}"));
        await received;

        Assert.Equal(401, error.Status);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    private sealed record Captured(string Method, string Path, string Body, string? ContentType, string? Authorization, string? BrokerProperties);

    private static async Task<Captured> ReceiveOneAsync(HttpListener listener, HttpStatusCode answer)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var captured = new Captured(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync(),
            context.Request.ContentType, context.Request.Headers["Authorization"], context.Request.Headers["BrokerProperties"]);
        context.Response.StatusCode = (int)answer;
        context.Response.Close();
        return captured;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
