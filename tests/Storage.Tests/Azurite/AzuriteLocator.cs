namespace Pipeline.Storage.Tests.Azurite;

/// <summary>Finds Azurite (<c>$AZURITE</c>, or <c>.tools/node/node_modules/azurite/dist/src/azurite.js</c> above the test binaries) and node.</summary>
public static class AzuriteLocator
{
    private const string RelativeScript = ".tools/node/node_modules/azurite/dist/src/azurite.js";

    /// <summary>Whether the environment says this is a CI build, where missing Azurite is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of azurite.js, or null.</summary>
    public static string? FindScript()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AZURITE");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeScript);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The node executable on PATH, or null.</summary>
    public static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "node");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Why Azurite tests cannot run here; null when they can (or when CI=true, where they must run and fail).</summary>
    public static string? SkipReason()
    {
        if (IsCi)
        {
            return null;
        }
        if (FindNode() is null)
        {
            return "node was not found on PATH; Azurite tests need it (run eng/bootstrap.sh). Under CI=true they fail instead.";
        }
        if (FindScript() is null)
        {
            return "Azurite was not found ($AZURITE or .tools/node); run eng/bootstrap.sh. Under CI=true these tests fail instead.";
        }
        return null;
    }
}
