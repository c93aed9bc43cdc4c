using System.Text.Json;
using Pipeline.Core.Tasks;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// The answer to one invocation: <c>{"Outputs": {binding: value}, "Logs": [line], "ReturnValue": null}</c>. Tasks go
/// into queue output bindings as arrays of JSON <em>objects</em> — never strings, which the host would Base64-decode
/// when they happen to look like Base64.
/// </summary>
internal sealed class InvocationResult
{
    private readonly SortedDictionary<string, List<StageTask>> _queues = new(StringComparer.Ordinal);
    private HttpOutput? _response;

    /// <summary>The lines for the invocation's log (Application Insights in Azure).</summary>
    public List<string> Logs { get; } = [];

    /// <summary>The tasks put into queue outputs so far.</summary>
    public IEnumerable<StageTask> Tasks => _queues.Values.SelectMany(t => t);

    /// <summary>Puts <paramref name="tasks"/> into the output bindings of their stages; each must be one <paramref name="function"/> declares.</summary>
    /// <exception cref="InvalidOperationException">A task's stage has no output binding in the function (a mismatch between the planner and the catalog).</exception>
    public void Enqueue(FunctionDefinition function, IEnumerable<StageTask> tasks)
    {
        foreach (var task in tasks)
        {
            if (!function.Outputs.Contains(task.Stage))
            {
                throw new InvalidOperationException(
                    $"{function.Name} has no output binding for {StageNames.Queue(task.Stage)} (task {task}); functions/{function.Name}/function.json and the planner disagree");
            }
            var binding = FunctionCatalog.OutputBinding(task.Stage);
            if (!_queues.TryGetValue(binding, out var list))
            {
                _queues[binding] = list = [];
            }
            list.Add(task);
        }
    }

    /// <summary>Sets the HTTP output binding <c>res</c>.</summary>
    public void Respond(HttpOutput response) => _response = response;

    /// <summary>The JSON body of the answer.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("Outputs");
            foreach (var (binding, tasks) in _queues)
            {
                json.WriteStartArray(binding);
                foreach (var task in tasks)
                {
                    json.WriteRawValue(task.ToMessage());
                }
                json.WriteEndArray();
            }
            if (_response is { } response)
            {
                json.WritePropertyName(FunctionCatalog.ResponseBinding);
                response.WriteTo(json);
            }
            json.WriteEndObject();
            json.WriteStartArray(nameof(Logs));
            foreach (var line in Logs)
            {
                json.WriteStringValue(line);
            }
            json.WriteEndArray();
            json.WriteNull("ReturnValue");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
