using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// The HTTP surface the Functions host talks to: <c>GET /</c> answers readiness, <c>POST /{FunctionName}</c> runs a
/// function of <see cref="FunctionCatalog"/>. Every answer is JSON: the invocation result (200), or
/// <c>{"error": …, "invocationId": …}</c> with 400 (malformed payload), 404 (no such function), 413 (payload over
/// <see cref="MaxPayloadBytes"/>) or 500 (a failure the host should retry).
/// </summary>
internal static class ServeEndpoints
{
    /// <summary>The largest invocation body accepted (1 MiB): task messages are under 4 KiB, job specs a few KiB.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    /// <summary>The largest body read at all (Kestrel's limit); bodies between the two are read, dropped and answered 413.</summary>
    public const int MaxDrainBytes = 8 << 20;

    /// <summary>The header that carries the host's invocation id.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public static void Map(WebApplication app, FunctionInvoker invoker, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Text("{\"status\":\"ready\"}", "application/json"));
        app.MapPost("/{function}", (HttpContext context, string function) => InvokeAsync(context, function, invoker, logger));
        app.MapFallback((HttpContext context) => WriteErrorAsync(context, 404,
            $"no function at {context.Request.Method} {context.Request.Path}; the host POSTs to /{{FunctionName}}", InvocationId(context)));
    }

    private static async Task InvokeAsync(HttpContext context, string name, FunctionInvoker invoker, ILogger logger)
    {
        var invocationId = InvocationId(context);
        using var scope = logger.BeginScope("invocation {InvocationId} {Function}", invocationId, name);
        if (!FunctionCatalog.TryGet(name, out var function))
        {
            ServeLog.Refused(logger, name, 404, "no such function");
            await WriteErrorAsync(context, 404, $"no function named '{name}'", invocationId).ConfigureAwait(false);
            return;
        }
        var result = new InvocationResult();
        var lines = new List<string>();
        var attempt = 0L;
        using (InvocationLogger.Collect(lines))
        {
            try
            {
                var body = await ReadBodyAsync(context).ConfigureAwait(false);
                using var request = InvocationRequest.Parse(body);
                attempt = request.AttemptOrZero();
                await invoker.InvokeAsync(function, request, result, context.RequestAborted).ConfigureAwait(false);
            }
            catch (PayloadException e)
            {
                ServeLog.Refused(logger, function.Name, e.StatusCode, e.Message);
                await WriteErrorAsync(context, e.StatusCode, e.Message, invocationId).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The host gave up on this invocation (its timeout, or shutdown); nobody reads an answer.
                return;
            }
#pragma warning disable CA1031 // Any other failure is transient by contract: answer 500 so that the host retries, never crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ServeLog.Transient(logger, function.Name, attempt, $"{e.GetType().Name}: {e.Message}", e);
                await WriteErrorAsync(context, 500, $"{function.Name} failed and will be retried: {e.GetType().Name}: {e.Message}", invocationId)
                    .ConfigureAwait(false);
                return;
            }
        }
        lock (lines)
        {
            result.Logs.AddRange(lines);
        }
        result.Logs.Add($"invocation {invocationId}: {function.Name} answered 200");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(result.ToJson(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        // A body over the limit is still read to its end (up to MaxDrainBytes, Kestrel's limit) and thrown away, so that
        // the client has sent everything when the 413 comes and reads it instead of a broken connection.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var total = 0L;
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total <= MaxPayloadBytes)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new PayloadException($"the invocation body has more than {MaxDrainBytes} bytes; at most {MaxPayloadBytes} are accepted", 413);
        }
        catch (BadHttpRequestException e)
        {
            throw new PayloadException($"the invocation body cannot be read: {e.Message}", e.StatusCode);
        }
        if (total > MaxPayloadBytes)
        {
            throw new PayloadException($"the invocation body has {total} bytes; at most {MaxPayloadBytes} are accepted", 413);
        }
        return buffer.ToArray();
    }

    private static string InvocationId(HttpContext context) =>
        context.Request.Headers.TryGetValue(InvocationIdHeader, out var id) && !string.IsNullOrWhiteSpace(id) ? id.ToString() : "-";

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string invocationId)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == 413)
        {
            // Part of the body may be unread (over MaxDrainBytes): close the connection rather than let the client reuse it.
            context.Response.Headers.Connection = "close";
        }
        var body = HttpOutput.Json(status, json =>
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteString("invocationId", invocationId);
            json.WriteEndObject();
        }).Body;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
