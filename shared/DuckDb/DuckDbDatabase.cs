using Pipeline.DuckDb.Native;

namespace Pipeline.DuckDb;

/// <summary>
/// An open DuckDB database, in memory or in a file. Thread-safe: open one <see cref="DuckDbConnection"/> per thread.
/// Disposing it while connections are open is safe: the native database closes when the last of them is disposed.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;
    private bool _disposed;

    private DuckDbDatabase(DatabaseHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>Opens an in-memory database.</summary>
    /// <exception cref="DuckDbException">A setting is unknown or invalid, or the library cannot be loaded.</exception>
    public static DuckDbDatabase OpenInMemory(DuckDbSettings? settings = null) => Open(":memory:", settings);

    /// <summary>Opens (creating if need be) the database at <paramref name="path"/>, or <c>:memory:</c>.</summary>
    /// <exception cref="DuckDbException">
    /// DuckDB's message when the file cannot be opened (locked, not a database, a newer storage version) or a setting
    /// is unknown or invalid; or the library cannot be loaded.
    /// </exception>
    public static DuckDbDatabase Open(string path, DuckDbSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        DuckDbLibrary.EnsureLoaded();
        settings ??= DuckDbSettings.Default;
        var pairs = settings.ToConfigPairs().ToList();
        Errors.Check(NativeMethods.duckdb_create_config(out var configPointer), "duckdb_create_config failed");
        using var config = ConfigHandle.Own(configPointer);
        foreach (var (name, value) in pairs)
        {
            Errors.Check(NativeMethods.duckdb_set_config(config, name, value),
                $"invalid DuckDB setting {name} = '{value}' (unknown name or value)");
        }
        var state = NativeMethods.duckdb_open_ext(path, out var database, config, out var error);
        var handle = DatabaseHandle.Own(database);
        if (state != NativeMethods.Success)
        {
            var message = Errors.Utf8(error);
            if (error != nint.Zero)
            {
                NativeMethods.duckdb_free(error);
            }
            handle.Dispose();
            throw new DuckDbException(message is null ? $"could not open DuckDB database {path}" : $"could not open DuckDB database {path}: {message}");
        }
        return new DuckDbDatabase(handle, path);
    }

    /// <summary>Opens a connection.</summary>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the connection.</exception>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Errors.Check(NativeMethods.duckdb_connect(_handle, out var connection), $"could not connect to DuckDB database {Path}");
        return new DuckDbConnection(ConnectionHandle.Own(connection, _handle));
    }

    /// <summary>Releases this reference to the database; it closes when its connections are disposed too.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
