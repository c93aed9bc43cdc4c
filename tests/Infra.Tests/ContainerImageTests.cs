using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pipeline.Infra.Tests;

/// <summary>
/// The Dockerfiles copy the staged app (eng/stage-app.sh): every file they name must exist in a real staging.
/// Docker cannot run here, so the build stage's script runs directly into a temporary folder.
/// </summary>
public sealed partial class ContainerImageTests
{
    [Fact]
    public async Task Every_file_the_dockerfiles_copy_exists_in_the_staged_app_and_the_images_run_as_non_root()
    {
        var staged = Directory.CreateTempSubdirectory("stage-app-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Repository.Root };
            start.ArgumentList.Add(Repository.File("eng/stage-app.sh"));
            start.ArgumentList.Add(staged);
            using (var process = Process.Start(start)!)
            {
                var errors = process.StandardError.ReadToEndAsync();
                await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, $"eng/stage-app.sh failed: {await errors}");
            }
            foreach (var dockerfile in new[] { "infra/container/Dockerfile", "infra/container/Dockerfile.gpu" })
            {
                var text = Repository.Text(dockerfile);
                var copies = CopyFromStaging().Matches(text).Select(m => m.Groups[1].Value).ToList();
                Assert.True(copies.Count >= 3, $"{dockerfile} copies too little from /out/app");
                foreach (var relative in copies.Where(c => c.Length > 0))
                {
                    Assert.True(File.Exists(Path.Combine(staged, relative)), $"{dockerfile} copies /out/app/{relative}, which eng/stage-app.sh does not produce");
                }
                Assert.Contains("eng/stage-app.sh /out/app", text, StringComparison.Ordinal);
                Assert.Matches(@"(?m)^USER (\$APP_UID|1654)$", text);
            }
            foreach (var function in Directory.EnumerateDirectories(Repository.File("functions")).Where(d => File.Exists(Path.Combine(d, "function.json"))))
            {
                Assert.True(File.Exists(Path.Combine(staged, Path.GetFileName(function), "function.json")), $"{Path.GetFileName(function)} is not staged");
            }
            Assert.True(File.Exists(Path.Combine(staged, "host.json")));
        }
        finally
        {
            Directory.Delete(staged, recursive: true);
        }
    }

    [GeneratedRegex(@"(?m)^COPY --from=build /out/app/(\S*) ")]
    private static partial Regex CopyFromStaging();
}
