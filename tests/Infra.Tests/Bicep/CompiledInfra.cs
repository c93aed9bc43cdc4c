namespace Pipeline.Infra.Tests.Bicep;

/// <summary>infra/main.bicep compiled once per test run by the real compiler, shared by every test that reads it.</summary>
internal static class CompiledInfra
{
    public const string MainFile = "infra/main.bicep";

    private static readonly Lazy<Task<BicepRun>> Build =
        new(() => BicepCli.RunAsync(["build", MainFile, "--stdout"], CancellationToken.None));

    /// <summary>The run of <c>bicep build infra/main.bicep --stdout</c>.</summary>
    public static Task<BicepRun> BuildAsync() => Build.Value;

    /// <summary>The compiled template (ARM JSON); fails the calling test when the build failed.</summary>
    public static async Task<ArmTemplate> MainAsync()
    {
        var run = await Build.Value;
        Assert.True(run.ExitCode == 0 && run.StandardOutput.Length > 0, run.Describe());
        return ArmTemplate.Parse(run.StandardOutput);
    }
}
