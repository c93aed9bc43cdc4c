using System.Text.RegularExpressions;
using Pipeline.Infra.Tests.Bicep;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The pinned Bicep compiler builds and lints infra/ without a single diagnostic: no error, no warning, no info.
/// </summary>
public sealed partial class BicepCompilerTests
{
    [BicepFact]
    public async Task The_compiler_is_the_version_pinned_in_the_tools_lock()
    {
        var pinned = ToolLockVersion().Match(Repository.Text("eng/tools/tools.lock"));
        Assert.True(pinned.Success, "eng/tools/tools.lock pins no 'tool bicep' version");

        var run = await BicepCli.RunAsync(["--version"], CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Bicep CLI version {pinned.Groups[1].Value} (", run.StandardOutput, StringComparison.Ordinal);
    }

    [BicepFact]
    public async Task Main_builds_without_a_diagnostic()
    {
        var run = await CompiledInfra.BuildAsync();

        Assert.True(run.ExitCode == 0 && run.Diagnostics.Count == 0, run.Describe());
        Assert.Equal("bicep", (await CompiledInfra.MainAsync()).Root.GetProperty("metadata").GetProperty("_generator").GetProperty("name").GetString());
    }

    [BicepFact]
    public async Task Every_bicep_file_lints_without_a_diagnostic()
    {
        var run = await BicepCli.RunAsync(["lint", "--pattern", "infra/**/*.bicep"], CancellationToken.None);

        Assert.True(run.ExitCode == 0 && run.Diagnostics.Count == 0, run.Describe());
    }

    [BicepFact]
    public async Task Every_module_builds_on_its_own_without_a_diagnostic()
    {
        var output = Directory.CreateTempSubdirectory("bicep-build-").FullName;
        try
        {
            var run = await BicepCli.RunAsync(["build", "--pattern", "infra/**/*.bicep", "--outdir", output], CancellationToken.None);

            Assert.True(run.ExitCode == 0 && run.Diagnostics.Count == 0, run.Describe());
            var sources = Directory.EnumerateFiles(Repository.File("infra"), "*.bicep", SearchOption.AllDirectories)
                .Select(f => Path.ChangeExtension(Path.GetRelativePath(Repository.File("infra"), f), ".json")).Order(StringComparer.Ordinal);
            var built = Directory.EnumerateFiles(output, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal);
            Assert.Equal(sources, built);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Every_linter_rule_runs_at_its_default_level()
    {
        // The compiler looks for bicepconfig.json next to each file and in every folder above it. There is none: a rule
        // may be turned off only with its reason written in that file and in infra/README.md (then extend this test).
        var configs = Directory.EnumerateFiles(Repository.File("infra"), "bicepconfig.json", SearchOption.AllDirectories)
            .Append(Repository.File("bicepconfig.json")).Where(File.Exists)
            .Select(f => Path.GetRelativePath(Repository.Root, f));

        Assert.Empty(configs);
    }

    [GeneratedRegex(@"(?m)^tool bicep \S+ (\S+) ")]
    private static partial Regex ToolLockVersion();
}
