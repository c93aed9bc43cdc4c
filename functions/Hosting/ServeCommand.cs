using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Pipeline.Functions.Cli;
using Pipeline.Functions.Hosting.Serve;
using Pipeline.Stages.Environment;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// <c>pipeline serve [--port N] [--store …] [--inputs DIR] [--connection …]</c>: the Azure Functions custom handler.
/// Listens on <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c> and runs the functions of <see cref="FunctionCatalog"/>
/// for the host (<see cref="ServeEndpoints"/>). Prints <c>listening on http://127.0.0.1:PORT</c> on stdout once it
/// accepts requests; logs go to stderr. Stops on SIGTERM / Ctrl-C after the requests in flight.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The port variable the Functions host sets.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The port variable of older hosts.</summary>
    public const string LegacyPortVariable = "FUNCTIONS_HTTPWORKER_PORT";

    public static Command Create()
    {
        var port = new Option<int?>("--port")
        {
            Description = $"The port to listen on at 127.0.0.1 (default: ${PortVariable}, which the Functions host sets; 0 picks a free port).",
            HelpName = "n",
        };
        var store = new Option<string?>("--store")
        {
            Description = $"Where jobs are kept: az://container in the account of AzureWebJobsStorage, or a folder (default: ${HostSettings.StoreVariable}, else {HostSettings.DefaultStore}).",
            HelpName = "az://container|dir",
        };
        var inputs = new Option<string?>("--inputs")
        {
            Description = $"The folder relative job inputs are resolved in (default: ${HostSettings.InputRootVariable}, else the current folder).",
            HelpName = "dir",
        };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("serve", "Run as the Azure Functions custom handler: answer the host's invocations of the stage, "
            + "poison, SubmitJob, JobStatus and SubmitJobFromServiceBus functions (host.json, functions/<Name>/function.json).")
        {
            port, store, inputs, connection,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(port), parseResult.GetValue(store), parseResult.GetValue(inputs), parseResult.GetValue(connection),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int? portOption, string? store, string? inputs, string? connection,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (ResolvePort(portOption, stderr) is not { } port)
        {
            return CliApp.BadInput;
        }
        HostSettings settings;
        try
        {
            settings = HostSettings.Resolve(connection, store, inputs);
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }
        if (!Directory.Exists(settings.InputRoot))
        {
            stderr.WriteLine($"error: the input root does not exist: {settings.InputRoot}");
            return CliApp.BadInput;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // ASP.NET Core opens per-request and per-connection scopes (trace, connection and request ids) whenever its
        // loggers are enabled at all, which would bury the invocation scope; the endpoints catch every exception and
        // log it themselves, so these loggers are off.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = ServeEndpoints.MaxDrainBytes;
            options.Listen(IPAddress.Loopback, port);
        });

        await using var app = builder.Build();
        var logger = new InvocationLogger(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pipeline"));
        using var environment = CreateEnvironment(settings, logger, stderr);
        if (environment is null)
        {
            return CliApp.BadInput;
        }
        // The nightly timer puts the night's jobs on the account's stage queues (the ones the stage functions are triggered by).
        using var queues = settings.Connection is null ? null : settings.OpenQueues(logger);
        ServeEndpoints.Map(app, new FunctionInvoker(environment, logger, queues), logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return CliApp.Failed;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        ServeLog.Listening(logger, address, settings.Store, settings.InputRoot);
        stdout.WriteLine($"listening on {address}");
        stdout.Flush();
        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        ServeLog.Stopped(logger);
        return CliApp.Ok;
    }

    private static StageEnvironment? CreateEnvironment(HostSettings settings, ILogger logger, TextWriter stderr)
    {
        try
        {
            return settings.CreateEnvironment(logger);
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    private static int? ResolvePort(int? option, TextWriter stderr)
    {
        if (option is { } given)
        {
            if (given is < 0 or > 65535)
            {
                stderr.WriteLine($"error: --port must be between 0 and 65535, got {given}");
                return null;
            }
            return given;
        }
        foreach (var variable in new[] { PortVariable, LegacyPortVariable })
        {
            var text = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                stderr.WriteLine($"error: {variable} must be a port number, got '{text}'");
                return null;
            }
            return value;
        }
        stderr.WriteLine($"error: no port: the Functions host sets {PortVariable}; outside it give --port");
        return null;
    }
}
