using System.Diagnostics;

namespace Pipeline.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI that eng/bootstrap.sh fetches: <c>$PIPELINE_BICEP</c> (written to .tools/env.sh), else
/// <c>.tools/bicep/bicep</c> in the repository. Runs it in the repository root and returns its exit code and output.
/// </summary>
internal static class BicepCli
{
    public const string EnvironmentVariable = "PIPELINE_BICEP";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The compiler's path, or null when neither place has it.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Why Bicep tests cannot run here; null when they can.</summary>
    public static string? MissingReason =>
        Path is null ? $"the Bicep CLI was not found (${EnvironmentVariable} or .tools/bicep/bicep); run eng/bootstrap.sh" : null;

    /// <summary>Whether the environment says this is a CI build (<c>CI=true</c>), where a missing compiler is a failure.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>bicep ARGUMENTS</c> in the repository root; fails the calling test when the compiler is missing.</summary>
    public static async Task<BicepRun> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Assert.True(Path is not null, $"{MissingReason} (under CI=true Bicep tests fail instead of skipping)");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // the process this method started, and only it
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await output, await errors);
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        var bootstrapped = Repository.File(".tools/bicep/bicep");
        return File.Exists(bootstrapped) ? bootstrapped : null;
    }
}

/// <summary>One run of the Bicep CLI. The compiler writes diagnostics (errors, warnings, infos) to stderr.</summary>
internal sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every diagnostic line, as the compiler printed it.</summary>
    public IReadOnlyList<string> Diagnostics { get; } =
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A description for assertion messages: the command, its exit code and its diagnostics.</summary>
    public string Describe() =>
        $"bicep {Command} exited with {ExitCode} and printed {Diagnostics.Count} diagnostic line(s):\n  " +
        string.Join("\n  ", Diagnostics.Select(d => d.Replace(Repository.Root + "/", "", StringComparison.Ordinal)));
}
