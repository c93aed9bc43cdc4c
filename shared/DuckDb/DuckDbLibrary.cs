using System.Reflection;
using System.Runtime.InteropServices;
using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// Locates, loads and version-checks the native <c>libduckdb</c> once per process. Every entry point of this
/// binding calls <see cref="EnsureLoaded"/> first, so a missing or wrong library is one clear
/// <see cref="DuckDbException"/>, never a <see cref="DllNotFoundException"/> from deep inside a call.
/// </summary>
/// <remarks>
/// Search order: the path given to <see cref="Configure"/> (from configuration), else the environment variable
/// <c>DUCKDB_LIB</c>, else <c>.tools/duckdb/libduckdb.so</c> in the application's base directory or any directory
/// above it (what <c>eng/bootstrap.sh</c> fetches), else <c>libduckdb.so</c> next to the executable.
/// The first of these that is set (or exists, for the last two) is used; a set path that does not exist is an error,
/// not a reason to look further.
/// </remarks>
public static class DuckDbLibrary
{
    /// <summary>The environment variable naming the library file.</summary>
    public const string EnvironmentVariable = "DUCKDB_LIB";

    /// <summary>The supported DuckDB release line: the version string must start with this (<c>v1.5.</c>).</summary>
    public const string SupportedVersionPrefix = "v1.5.";

    private static readonly Lock Gate = new();
    private static string? _configuredPath;
    private static nint _handle;
    private static string? _version;
    private static string? _loadedPath;

    /// <summary>The version string the loaded library reports (<c>v1.5.6</c>); loads it if need be.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return _version!;
        }
    }

    /// <summary>The file the library was loaded from; loads it if need be.</summary>
    public static string LoadedPath
    {
        get
        {
            EnsureLoaded();
            return _loadedPath!;
        }
    }

    /// <summary>
    /// Sets the library path before the first use (from configuration, e.g. <c>Pipeline__DuckDb__LibraryPath</c>);
    /// <c>null</c> or empty falls back to the default search.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library is already loaded from another path.</exception>
    public static void Configure(string? libraryPath)
    {
        lock (Gate)
        {
            if (_handle != nint.Zero && !string.IsNullOrEmpty(libraryPath)
                && Path.GetFullPath(libraryPath) != _loadedPath)
            {
                throw new InvalidOperationException($"libduckdb is already loaded from {_loadedPath}");
            }
            _configuredPath = string.IsNullOrEmpty(libraryPath) ? null : libraryPath;
        }
    }

    /// <summary>
    /// The path the search would load, and where it came from; <c>null</c> when nothing was found. Does not load.
    /// </summary>
    public static (string? Path, string Source) Locate()
    {
        if (_configuredPath is { } configured)
        {
            return (configured, "configuration");
        }
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return (fromEnvironment, EnvironmentVariable);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".tools", "duckdb", "libduckdb.so");
            if (File.Exists(candidate))
            {
                return (candidate, ".tools/duckdb above " + AppContext.BaseDirectory);
            }
        }
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, "libduckdb.so");
        return File.Exists(besideExecutable) ? (besideExecutable, "the application directory") : (null, "nowhere");
    }

    /// <summary>True when <see cref="Locate"/> finds a file that exists (the library may still fail to load).</summary>
    public static bool IsAvailable => Locate().Path is { } path && File.Exists(path);

    /// <summary>Loads and checks the library unless that was done already.</summary>
    /// <exception cref="DuckDbException">The library is not found, does not load, or is not DuckDB 1.5.x.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref _handle) != nint.Zero)
        {
            return;
        }
        lock (Gate)
        {
            if (_handle != nint.Zero)
            {
                return;
            }
            var (path, source) = Locate();
            if (path is null)
            {
                throw new DuckDbException(
                    $"libduckdb.so was not found: set {EnvironmentVariable} to its path, or run eng/bootstrap.sh "
                    + "(it fetches .tools/duckdb/libduckdb.so)");
            }
            if (!File.Exists(path))
            {
                throw new DuckDbException($"libduckdb.so was not found at {path} (from {source})");
            }
            nint handle;
            try
            {
                handle = NativeLibrary.Load(Path.GetFullPath(path));
            }
            catch (DllNotFoundException e)
            {
                throw new DuckDbException($"{path} (from {source}) could not be loaded: {e.Message}", e);
            }
            catch (BadImageFormatException e)
            {
                throw new DuckDbException($"{path} (from {source}) is not a loadable library: {e.Message}", e);
            }
            var version = ReadVersion(handle, path);
            if (!version.StartsWith(SupportedVersionPrefix, StringComparison.Ordinal))
            {
                NativeLibrary.Free(handle);
                throw new DuckDbException(
                    $"{path} is DuckDB {version}; this build needs {SupportedVersionPrefix}x (run eng/bootstrap.sh)");
            }
            _version = version;
            _loadedPath = Path.GetFullPath(path);
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibrary).Assembly, Resolve);
            Volatile.Write(ref _handle, handle);
        }
    }

    private static unsafe string ReadVersion(nint handle, string path)
    {
        if (!NativeLibrary.TryGetExport(handle, "duckdb_library_version", out var export))
        {
            NativeLibrary.Free(handle);
            throw new DuckDbException($"{path} does not export duckdb_library_version: it is not libduckdb");
        }
        var version = ((delegate* unmanaged<nint>)export)();
        return Errors.Utf8(version) ?? "(no version)";
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeMethods.Library ? _handle : nint.Zero;
}
