namespace Pipeline.Infra.Tests;

/// <summary>The repository's source tree, found upwards from the test assembly (the folder holding Pipeline.sln).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string File(string relative) => Path.Combine(Root, relative);

    public static string Text(string relative) => System.IO.File.ReadAllText(File(relative));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
