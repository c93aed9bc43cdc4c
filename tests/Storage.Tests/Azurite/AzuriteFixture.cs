using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Storage.Connection;

namespace Pipeline.Storage.Tests.Azurite;

/// <summary>
/// Starts one Azurite (in memory, loopback, free ports) for a test class, waits until blob and queue answer, and at
/// the end kills that process and nothing else. Under CI=true a missing or failing Azurite is an error.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    /// <summary>Why Azurite is not running; null when it is.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The connection to the running Azurite's development account.</summary>
    public StorageConnection Connection => StorageConnection.Development("127.0.0.1", BlobPort, QueuePort);

    /// <summary>The full connection string for the running Azurite.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageConnection.DevelopmentAccountName};AccountKey={StorageConnection.DevelopmentAccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{StorageConnection.DevelopmentAccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{StorageConnection.DevelopmentAccountName};";

    public async Task InitializeAsync()
    {
        var node = AzuriteLocator.FindNode();
        var script = AzuriteLocator.FindScript();
        if (node is null || script is null)
        {
            Unavailable = AzuriteLocator.SkipReason() ?? "CI=true and Azurite or node was not found; run eng/bootstrap.sh.";
            return;
        }
        var ports = FreePorts(3);
        (BlobPort, QueuePort) = (ports[0], ports[1]);
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            script, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!(await AnswersAsync(BlobPort) && await AnswersAsync(QueuePort)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before answering:\n{Output()}");
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Azurite did not answer within {StartTimeout.TotalSeconds} s:\n{Output()}");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Fails the calling test with the reason when Azurite is not running (it only gets here under CI=true).</summary>
    public void EnsureRunning() => Assert.True(Unavailable is null, Unavailable);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(static l => l.Start());
            return listeners.Select(static l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(static l => l.Stop());
        }
    }
}
