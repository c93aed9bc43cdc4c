using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Functions.Tests.Serve.Support;

/// <summary>How a queue trigger's message text reaches the handler in <c>Data.task</c>.</summary>
public enum MessageForm
{
    /// <summary>The message's JSON object itself.</summary>
    JsonObject,

    /// <summary>A JSON string holding the message text (the documented sample's form).</summary>
    JsonText,

    /// <summary>A JSON string holding a JSON string literal of the text (what the host's string fallback produces).</summary>
    DoubleEncoded,

    /// <summary>A JSON string holding the Base64 of the text (a byte-array value).</summary>
    Base64,
}

/// <summary>
/// Invocation bodies shaped like the Functions host's, after the samples in the custom-handler documentation
/// (queue trigger: <c>Data.myQueueItem</c> + <c>Metadata</c> with <c>DequeueCount</c>, <c>ExpirationTime</c>, <c>Id</c>,
/// <c>InsertionTime</c>, <c>NextVisibleTime</c>, <c>PopReceipt</c>, <c>sys</c>; HTTP trigger: <c>Data.req</c> with
/// <c>Url</c>, <c>Method</c>, <c>Query</c> as the string <c>"{}"</c>, <c>Headers</c> of string arrays, <c>Params</c>,
/// <c>Body</c> as a string), with our binding names.
/// </summary>
public static class HostPayloads
{
    /// <summary>The message text of the documented queue sample: not JSON (unquoted name), so not a task.</summary>
    public const string DocumentedSampleMessage = "{ message: \"Message sent\" }";

    /// <summary>A queue-trigger invocation carrying <paramref name="message"/> in <c>Data.task</c>.</summary>
    public static string Queue(string message, long dequeueCount = 1, MessageForm form = MessageForm.DoubleEncoded, string? id = null)
    {
        JsonNode value = form switch
        {
            MessageForm.JsonObject => JsonNode.Parse(message)!,
            MessageForm.JsonText => JsonValue.Create(message),
            MessageForm.DoubleEncoded => JsonValue.Create(JsonSerializer.Serialize(message)),
            MessageForm.Base64 => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(message))),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
        return new JsonObject
        {
            ["Data"] = new JsonObject { ["task"] = value },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount,
                ["ExpirationTime"] = "2019-10-16T17:58:31+00:00",
                ["Id"] = id ?? "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                ["InsertionTime"] = "2019-10-09T17:58:31+00:00",
                ["NextVisibleTime"] = "2019-10-09T18:08:32+00:00",
                ["PopReceipt"] = "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                ["sys"] = Sys("QueueTrigger"),
            },
        }.ToJsonString();
    }

    /// <summary>An HTTP-trigger invocation (<c>Data.req</c>) of <paramref name="method"/> on <paramref name="url"/>.</summary>
    public static string Http(string method, string url, string? body = null, JsonObject? routeParams = null)
    {
        var metadata = new JsonObject { ["sys"] = Sys(method == "GET" ? "JobStatus" : "SubmitJob") };
        foreach (var (name, value) in routeParams ?? [])
        {
            metadata[name] = value?.DeepClone();
        }
        return new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = url,
                    ["Method"] = method,
                    ["Query"] = "{}",
                    ["Headers"] = new JsonObject { ["Content-Type"] = new JsonArray("application/json") },
                    ["Params"] = routeParams?.DeepClone() ?? new JsonObject(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = metadata,
        }.ToJsonString();
    }

    /// <summary>A Service Bus–trigger invocation carrying <paramref name="body"/> (double-encoded) in <c>Data.job</c>.</summary>
    public static string ServiceBus(string body, int deliveryCount = 1, string messageId = "job-message-1") => new JsonObject
    {
        ["Data"] = new JsonObject { ["job"] = JsonSerializer.Serialize(body) },
        ["Metadata"] = new JsonObject
        {
            ["DeliveryCount"] = deliveryCount,
            ["MessageId"] = messageId,
            ["ContentType"] = "application/json",
            ["EnqueuedTimeUtc"] = "2026-11-22T10:00:00Z",
            ["SequenceNumber"] = 17,
            ["sys"] = Sys("SubmitJobFromServiceBus"),
        },
    }.ToJsonString();

    /// <summary>The HTTP response an HTTP function put in its <c>res</c> output: status and parsed body.</summary>
    public static (int Status, JsonObject Body) Response(JsonObject answer)
    {
        var res = answer["Outputs"]!["res"]!.AsObject();
        Assert.Equal("application/json; charset=utf-8", res["headers"]!["Content-Type"]!.GetValue<string>());
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject());
    }

    /// <summary>The <c>Logs</c> lines of an answer.</summary>
    public static List<string> Logs(JsonObject answer) => [.. answer["Logs"]!.AsArray().Select(l => l!.GetValue<string>())];

    /// <summary>The queue outputs of an answer: binding → message texts (each a JSON object).</summary>
    public static SortedDictionary<string, List<string>> QueueOutputs(JsonObject answer)
    {
        var outputs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (binding, value) in answer["Outputs"]!.AsObject())
        {
            if (binding == "res")
            {
                continue;
            }
            outputs[binding] = [.. value!.AsArray().Select(m =>
            {
                Assert.Equal(JsonValueKind.Object, m!.GetValueKind());
                return m.ToJsonString();
            })];
        }
        return outputs;
    }

    private static JsonObject Sys(string method) => new()
    {
        ["MethodName"] = method,
        ["UtcNow"] = "2019-10-09T17:58:32.2205399Z",
        ["RandGuid"] = "24ad4c06-24ad-4e5b-8294-3da9714877e9",
    };
}
