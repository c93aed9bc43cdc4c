using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// The one place where a failed <c>duckdb_state</c> becomes a <see cref="DuckDbException"/> with DuckDB's message.
/// The throw helpers are kept out of line so the checks in hot loops stay small.
/// </summary>
internal static class Errors
{
    /// <summary>Throws with the result's error message and type when <paramref name="state"/> is an error.</summary>
    public static void CheckResult(int state, ResultHandle result)
    {
        if (state != NativeMethods.Success)
        {
            ThrowResult(result);
        }
    }

    public static void CheckPrepare(int state, PreparedStatementHandle statement)
    {
        if (state != NativeMethods.Success)
        {
            ThrowPrepare(statement);
        }
    }

    public static void CheckAppender(int state, AppenderHandle appender)
    {
        if (state != NativeMethods.Success)
        {
            ThrowAppender(appender);
        }
    }

    /// <summary>For calls whose failure has no message in the C API: the caller's description stands in.</summary>
    public static void Check(int state, string whatFailed)
    {
        if (state != NativeMethods.Success)
        {
            ThrowPlain(whatFailed);
        }
    }

    public static string? Utf8(nint pointer) => pointer == nint.Zero ? null : Marshal.PtrToStringUTF8(pointer);

    private static void ThrowResult(ResultHandle result)
    {
        var message = Utf8(NativeMethods.duckdb_result_error(result)) ?? "DuckDB query failed without a message";
        var type = (DuckDbErrorType)NativeMethods.duckdb_result_error_type(result);
        throw new DuckDbException(message, type);
    }

    private static void ThrowPrepare(PreparedStatementHandle statement)
    {
        var message = Utf8(NativeMethods.duckdb_prepare_error(statement)) ?? "DuckDB could not prepare the statement";
        throw new DuckDbException(message);
    }

    private static void ThrowAppender(AppenderHandle appender)
    {
        var data = NativeMethods.duckdb_appender_error_data(appender);
        try
        {
            var message = data == nint.Zero ? null : Utf8(NativeMethods.duckdb_error_data_message(data));
            DuckDbErrorType? type = data == nint.Zero ? null : (DuckDbErrorType)NativeMethods.duckdb_error_data_error_type(data);
            throw new DuckDbException(message ?? "DuckDB appender failed without a message", type);
        }
        finally
        {
            if (data != nint.Zero)
            {
                NativeMethods.duckdb_destroy_error_data(ref data);
            }
        }
    }

    private static void ThrowPlain(string whatFailed) => throw new DuckDbException(whatFailed);
}
