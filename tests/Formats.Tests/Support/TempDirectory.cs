using System.IO.Compression;
using System.Text;

namespace Pipeline.Formats.Tests.Support;

/// <summary>A fresh directory per test, deleted afterwards, with helpers to write input files into it.</summary>
public sealed class TempDirectory : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public TempDirectory() => Path = Directory.CreateTempSubdirectory("formats-tests-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> as UTF-8 without a BOM, exactly as given (no line-end rewriting).</summary>
    public string Write(string name, string content) => WriteBytes(name, Utf8NoBom.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes <paramref name="content"/> gzip-compressed (UTF-8, no BOM).</summary>
    public string WriteGzip(string name, string content) => WriteBytes(name, Gzip(Utf8NoBom.GetBytes(content)));

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    public static byte[] Gzip(string content) => Gzip(Utf8NoBom.GetBytes(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test must not hide the test's own failure.
        }
    }
}
