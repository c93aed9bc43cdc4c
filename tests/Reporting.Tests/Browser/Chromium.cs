using System.Diagnostics;

namespace Pipeline.Reporting.Tests.Browser;

/// <summary>
/// Takes screenshots of local HTML files with headless Chromium (Debian package <c>chromium</c>). Each call gets
/// its own fresh profile directory, and every flag that would make the browser reach the network on its own
/// (component updates, sync, background networking, QUIC) is off, so a screenshot shows only the page.
/// </summary>
internal static class Chromium
{
    public const string InstallHint = "install it with: apt-get update && apt-get install -y chromium";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>Whether the environment says this is a CI build (<c>CI=true</c>), where a missing browser is a failure.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Names a Chromium executable to use instead of searching; a path that does not exist means "no browser".</summary>
    public const string OverrideVariable = "PIPELINE_CHROMIUM";

    /// <summary>
    /// The Chromium executable: <see cref="OverrideVariable"/> when set, else <c>/usr/bin/chromium</c>,
    /// <c>/usr/bin/chromium-browser</c> or either name on <c>PATH</c>; <c>null</c> when none is there.
    /// </summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : null;
        }
        foreach (var candidate in Candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var file = Path.Combine(directory, name);
                if (File.Exists(file))
                {
                    return file;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Renders <paramref name="htmlFile"/> in a <paramref name="width"/> × <paramref name="height"/> window and
    /// writes the screenshot to <paramref name="pngFile"/>. Kills the browser it started (and only that) when it
    /// outlives <paramref name="timeout"/>. Throws with the browser's stderr when no screenshot appears.
    /// </summary>
    public static async Task ScreenshotAsync(
        string executable, string htmlFile, string pngFile, string profileDirectory, int width, int height,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(profileDirectory);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            $"--user-data-dir={profileDirectory}",
            $"--screenshot={pngFile}",
            $"--window-size={width},{height}",
            new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish within {timeout.TotalSeconds:0} s; it was stopped");
        }
        await Task.WhenAll(stdout, stderr);
        var screenshot = new FileInfo(pngFile);
        if (!screenshot.Exists || screenshot.Length == 0)
        {
            throw new InvalidOperationException(
                $"{executable} exited with {process.ExitCode} and wrote no screenshot. stderr:\n{Tail(await stderr)}");
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
