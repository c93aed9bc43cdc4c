namespace Pipeline.Reporting.Tests;

/// <summary>A fresh directory for one test, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipeline-reporting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A browser that has not yet released its profile: the OS temp cleaner takes it later.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
