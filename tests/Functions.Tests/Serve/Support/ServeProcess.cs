using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Functions.Tests.Serve.Support;

/// <summary>
/// A real <c>pipeline serve</c> process — the executable the build wrote under <c>artifacts/bin/Pipeline.Functions</c> —
/// listening on a free port (<c>--port 0</c>; the port is read from its "listening on" line), with a job store in a
/// temporary folder and the test data folder as input root. Disposing kills this process (and only it) and deletes
/// the store.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ServeProcess(Process process, StringBuilder log, Uri address, string root)
    {
        _process = process;
        _log = log;
        Address = address;
        Root = root;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>The temporary folder holding the store.</summary>
    public string Root { get; }

    /// <summary>The job store (<c>Pipeline__Store</c>).</summary>
    public string Store => Path.Combine(Root, "store");

    /// <summary>The input root (<c>Pipeline__InputRoot</c>): the test output's data folder.</summary>
    public static string InputRoot => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>A client for the handler, as the host would call it.</summary>
    public HttpClient Client { get; }

    /// <summary>What the process wrote to stderr so far (its log).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Waits until the process's log holds <paramref name="fragment"/> (its console logger writes in the background, so
    /// a line may follow the answer by a moment); the log when it does, or an assertion failure after 30 s.
    /// </summary>
    public async Task<string> WaitForLogAsync(string fragment)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Log.Contains(fragment, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the log of pipeline serve never showed \"{fragment}\":\n{Log}");
            await Task.Delay(20);
        }
        return Log;
    }

    /// <summary>The built <c>pipeline</c> executable of the same configuration as this test assembly.</summary>
    public static string Executable()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new[]
        {
            // artifacts/bin/Pipeline.Functions.Tests/release → artifacts/bin/Pipeline.Functions/release
            Path.Combine(testOutput.Parent!.Parent!.FullName, "Pipeline.Functions", testOutput.Name, "pipeline"),
            Path.Combine(testOutput.FullName, "pipeline"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("the pipeline executable was not found at " + string.Join(" or ", candidates)
                + "; build functions/ in the configuration of the tests");
    }

    /// <summary>Starts it; <paramref name="environment"/> overrides variables (a null value removes one).</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var root = Directory.CreateTempSubdirectory("serve-tests-").FullName;
        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        info.Environment["Pipeline__Store"] = Path.Combine(root, "store");
        info.Environment["Pipeline__InputRoot"] = InputRoot;
        info.Environment.Remove("AzureWebJobsStorage");
        info.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("pipeline serve did not start");
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"pipeline serve exited before listening (exit {Exit(process)}): {Text(log)}");
                const string prefix = "listening on ";
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _ = DrainAsync(process);
                    return new ServeProcess(process, log, new Uri(line[prefix.Length..].Trim() + "/"), root);
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>POSTs <paramref name="body"/> to <c>/{function}</c> as the host does; the status and the parsed JSON answer.</summary>
    public async Task<(int Status, JsonObject Body)> PostAsync(string function, string body, string? invocationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, function)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1037.0.0");
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task DrainAsync(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string Exit(Process process) => process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
