using System.Net.Http.Headers;
using System.Text.Json;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Tests.Http;

/// <summary>Vectors in data/sharedkey/vectors.json come from make-vectors.py (Python hmac), not from this code.</summary>
public class SharedKeySignerTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }
        return data;
    }

    private static List<JsonElement> Vectors()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "sharedkey", "vectors.json"));
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
    }

    private static (HttpRequestMessage Request, JsonElement Vector) Build(string name)
    {
        var vector = Vectors().Single(v => v.GetProperty("name").GetString() == name);
        var request = new HttpRequestMessage(new HttpMethod(vector.GetProperty("method").GetString()!), vector.GetProperty("url").GetString());
        foreach (var header in vector.GetProperty("headers").EnumerateObject())
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }
        if (vector.GetProperty("contentLength").ValueKind == JsonValueKind.Number)
        {
            var length = vector.GetProperty("contentLength").GetInt32();
            request.Content = new ByteArrayContent(new byte[length]);
            request.Content.Headers.ContentLength = length;
            if (vector.GetProperty("contentType").GetString() is { } type)
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
            }
        }
        return (request, vector);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_string_to_sign_follows_the_documented_rules(string name)
    {
        var (request, vector) = Build(name);
        using (request)
        {
            Assert.Equal(vector.GetProperty("stringToSign").GetString(),
                SharedKeySigner.BuildStringToSign(request, vector.GetProperty("account").GetString()!));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_signature_equals_an_independent_hmac_sha256(string name)
    {
        var (request, vector) = Build(name);
        using (request)
        {
            var signature = SharedKeySigner.Sign(vector.GetProperty("stringToSign").GetString()!,
                Convert.FromBase64String(vector.GetProperty("key").GetString()!));

            Assert.Equal(vector.GetProperty("signature").GetString(), signature);
        }
    }

    [Fact]
    public async Task The_authorization_header_names_the_account_and_carries_the_signature()
    {
        var (request, vector) = Build("get-blob-path-style");
        using (request)
        {
            var credential = new SharedKeyCredential("devstoreaccount1", vector.GetProperty("key").GetString()!);

            await credential.AuthorizeAsync(request, CancellationToken.None);

            Assert.Equal("SharedKey devstoreaccount1:" + vector.GetProperty("signature").GetString(),
                string.Join(",", request.Headers.GetValues("Authorization")));
        }
    }

    [Fact]
    public void A_key_that_is_not_base64_is_rejected_without_echoing_it()
    {
        var error = Assert.Throws<FormatException>(() => new SharedKeyCredential("acct", "not*base64*secret"));

        Assert.Equal("The account key of 'acct' is not valid Base64.", error.Message);
    }
}
