namespace Pipeline.Formats.Tests.Support;

/// <summary>Paths of the committed fixture files (copied next to the test assembly).</summary>
public static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
