using System.CommandLine;
using System.Reflection;

namespace Pipeline.Functions.Cli;

/// <summary>The `pipeline` command line: the root command and its verbs.</summary>
internal static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a failure of the work itself (an I/O error, a failed stage).</summary>
    public const int Failed = 1;

    /// <summary>Exit code for bad input: a malformed file, an unknown option value, a missing file.</summary>
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = BuildRoot();
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would print its own errors plus the whole help text and exit 1; bad usage is bad
            // input, so say what was wrong in the house format and point at the help instead.
            foreach (var error in parsed.Errors)
            {
                config.Error.WriteLine($"error: {error.Message}");
            }
            config.Error.WriteLine($"Run '{HelpHint(parsed)} --help' for usage.");
            return BadInput;
        }
        return parsed.Invoke(config);
    }

    private static string HelpHint(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "pipeline" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Pipeline: batch first-stage retrieval, reranking and trec_eval-exact evaluation, in-process or on Azure Functions.");
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction();
            }
        }
        foreach (var command in Verbs())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>The verbs, one factory per file in this folder.</summary>
    private static IEnumerable<Command> Verbs()
    {
        yield return EvalCommand.Create();
        yield return CompareCommand.Create();
        yield return ReportCommand.Create();
        yield return ShardCommand.Create();
        yield return ParquetCommand.Create();
        yield return IndexCommand.Create();
        yield return SearchCommand.Create();
        yield return RerankCommand.Create();
        yield return EmbedCommand.Create();
        yield return DenseSearchCommand.Create();
        yield return RunCommand.Create();
        yield return NightlyCommand.Create();
        yield return Hosting.SubmitCommand.Create();
        yield return Hosting.StatusCommand.Create();
        yield return Hosting.WorkerCommand.Create();
        yield return Hosting.ServeCommand.Create();
        yield break;
    }

    /// <summary>"pipeline 0.1.0 (commit abc1234)".</summary>
    public static string VersionLine()
    {
        var informational = typeof(CliApp).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return $"pipeline {version} (commit {commit})";
    }

    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionLine());
            return Ok;
        }
    }
}
