using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// Base of every native DuckDB handle. A handle that depends on another (a connection on its database, a result on
/// its connection) holds a reference on that parent until it is released itself, so the parent cannot be freed
/// first, whatever order the finalizer or the caller disposes them in.
/// </summary>
internal abstract class DuckDbHandle : SafeHandle
{
    private SafeHandle? _parent;

    protected DuckDbHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of <paramref name="pointer"/> and a reference on <paramref name="parent"/>.</summary>
    protected void Attach(nint pointer, SafeHandle? parent)
    {
        if (parent is not null && pointer != nint.Zero)
        {
            var added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }
        SetHandle(pointer);
    }

    protected sealed override bool ReleaseHandle()
    {
        try
        {
            Free(handle);
        }
        finally
        {
            _parent?.DangerousRelease();
            _parent = null;
        }
        return true;
    }

    /// <summary>Frees the native object.</summary>
    protected abstract void Free(nint pointer);

    /// <summary>A new <typeparamref name="T"/> owning <paramref name="pointer"/> and a reference on <paramref name="parent"/>.</summary>
    protected static T Own<T>(nint pointer, SafeHandle? parent)
        where T : DuckDbHandle, new()
    {
        var handle = new T();
        handle.Attach(pointer, parent);
        return handle;
    }
}

internal sealed class ConfigHandle : DuckDbHandle
{
    public static ConfigHandle Own(nint pointer) => Own<ConfigHandle>(pointer, null);

    protected override void Free(nint pointer) => NativeMethods.duckdb_destroy_config(ref pointer);
}

internal sealed class DatabaseHandle : DuckDbHandle
{
    public static DatabaseHandle Own(nint pointer) => Own<DatabaseHandle>(pointer, null);

    protected override void Free(nint pointer) => NativeMethods.duckdb_close(ref pointer);
}

internal sealed class ConnectionHandle : DuckDbHandle
{
    public static ConnectionHandle Own(nint pointer, DatabaseHandle database) => Own<ConnectionHandle>(pointer, database);

    protected override void Free(nint pointer) => NativeMethods.duckdb_disconnect(ref pointer);
}

/// <summary>Owns a zeroed, natively allocated <c>duckdb_result</c> struct and the result it is filled with.</summary>
internal sealed unsafe class ResultHandle : DuckDbHandle
{
    public static ResultHandle Allocate(SafeHandle parent)
    {
        var handle = new ResultHandle();
        handle.Attach((nint)NativeMemory.AllocZeroed((nuint)sizeof(NativeResult)), parent);
        return handle;
    }

    /// <summary>The struct by value, for <c>duckdb_fetch_chunk</c>.</summary>
    public NativeResult Value => *(NativeResult*)handle;

    protected override void Free(nint pointer)
    {
        NativeMethods.duckdb_destroy_result(pointer);
        NativeMemory.Free((void*)pointer);
    }
}

internal sealed class DataChunkHandle : DuckDbHandle
{
    public static DataChunkHandle Own(nint pointer, ResultHandle? result) => Own<DataChunkHandle>(pointer, result);

    protected override void Free(nint pointer) => NativeMethods.duckdb_destroy_data_chunk(ref pointer);
}

internal sealed class LogicalTypeHandle : DuckDbHandle
{
    public static LogicalTypeHandle Own(nint pointer) => Own<LogicalTypeHandle>(pointer, null);

    protected override void Free(nint pointer) => NativeMethods.duckdb_destroy_logical_type(ref pointer);
}

internal sealed class PreparedStatementHandle : DuckDbHandle
{
    public static PreparedStatementHandle Own(nint pointer, ConnectionHandle connection) => Own<PreparedStatementHandle>(pointer, connection);

    protected override void Free(nint pointer) => NativeMethods.duckdb_destroy_prepare(ref pointer);
}

internal sealed class PendingResultHandle : DuckDbHandle
{
    public static PendingResultHandle Own(nint pointer, PreparedStatementHandle statement) => Own<PendingResultHandle>(pointer, statement);

    protected override void Free(nint pointer) => NativeMethods.duckdb_destroy_pending(ref pointer);
}

internal sealed class AppenderHandle : DuckDbHandle
{
    public static AppenderHandle Own(nint pointer, ConnectionHandle connection) => Own<AppenderHandle>(pointer, connection);

    // duckdb_appender_destroy flushes and closes first; its error (if any) is reported by Close, not here.
    protected override void Free(nint pointer) => _ = NativeMethods.duckdb_appender_destroy(ref pointer);
}
