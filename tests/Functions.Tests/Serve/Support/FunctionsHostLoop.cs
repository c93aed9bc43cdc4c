using System.Text.Json.Nodes;
using Pipeline.Core.Tasks;

namespace Pipeline.Functions.Tests.Serve.Support;

/// <summary>
/// The test as the Functions host: every message in an answer's queue outputs becomes an invocation of the function
/// whose queue it was written to (found from the binding name), delivered double-encoded with host metadata, until
/// no message is left. Any answer but 200 fails the test with the process's log.
/// </summary>
public static class FunctionsHostLoop
{
    /// <summary>Runs the messages of <paramref name="first"/> and all that follow; the invocations made, in order.</summary>
    public static async Task<List<(string Function, string Message)>> RunAsync(ServeProcess serve, JsonObject first,
        Func<string, string, JsonObject, Task>? afterEach = null)
    {
        var queue = new Queue<(string Function, string Message)>(Messages(first));
        var invocations = new List<(string Function, string Message)>();
        while (queue.Count > 0)
        {
            var (function, message) = queue.Dequeue();
            var (status, answer) = await serve.PostAsync(function, HostPayloads.Queue(message, id: Guid.NewGuid().ToString()));
            Assert.True(status == 200, $"{function} {message}: {status} {answer.ToJsonString()}\n{serve.Log}");
            invocations.Add((function, message));
            foreach (var next in Messages(answer))
            {
                queue.Enqueue(next);
            }
            if (afterEach is not null)
            {
                await afterEach(function, message, answer);
            }
        }
        return invocations;
    }

    /// <summary>The queue outputs of an answer as (function, message) invocations.</summary>
    public static IEnumerable<(string Function, string Message)> Messages(JsonObject answer)
    {
        foreach (var (binding, messages) in HostPayloads.QueueOutputs(answer))
        {
            var stage = StageNames.All.Single(s => char.ToLowerInvariant(StageNames.Function(s)[0]) + StageNames.Function(s)[1..] == binding);
            foreach (var message in messages)
            {
                Assert.Equal(stage, StageTask.Parse(message).Stage);
                yield return (StageNames.Function(stage), message);
            }
        }
    }
}
