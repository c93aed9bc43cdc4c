using System.CommandLine;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Hosting;

/// <summary>The options every hosted verb shares: <c>--connection</c>, <c>--store</c>, <c>--inputs</c> (each defaulting to its setting).</summary>
internal sealed class HostOptions
{
    public required Option<string?> Connection { get; init; }

    public required Option<string?> Store { get; init; }

    public required Option<string?> Inputs { get; init; }

    public static HostOptions Create() => new()
    {
        Connection = CliLocations.CreateConnectionOption(),
        Store = new Option<string?>("--store")
        {
            Description = $"The job store: az://container (default {HostSettings.DefaultStore}, or the {HostSettings.StoreVariable} setting) or a folder.",
            HelpName = "az://container|dir",
        },
        Inputs = new Option<string?>("--inputs")
        {
            Description = $"The folder relative job inputs are resolved in (default the {HostSettings.InputRootVariable} setting, else the current folder).",
            HelpName = "dir",
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(Store);
        command.Options.Add(Inputs);
    }

    /// <summary>The settings, or null (with an error written) when the connection string is malformed.</summary>
    public HostSettings? Resolve(ParseResult parseResult, TextWriter stderr)
    {
        try
        {
            return HostSettings.Resolve(parseResult.GetValue(Connection), parseResult.GetValue(Store), parseResult.GetValue(Inputs));
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
