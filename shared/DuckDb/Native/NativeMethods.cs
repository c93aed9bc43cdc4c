using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// The DuckDB C API functions this binding uses (signatures from <c>duckdb.h</c> of DuckDB 1.5). Every handle
/// argument is a <see cref="SafeHandle"/>; functions that hand out a handle return it as a raw pointer that the
/// caller wraps at once. <c>idx_t</c> is <see cref="ulong"/>; <c>duckdb_state</c> is 0 for success.
/// </summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>The name the resolver (<see cref="DuckDbLibrary"/>) maps to the located <c>libduckdb</c>.</summary>
    public const string Library = "duckdb";

    public const int Success = 0;

    [LibraryImport(Library)]
    public static partial nint duckdb_library_version();

    [LibraryImport(Library)]
    public static partial void duckdb_free(nint pointer);

    [LibraryImport(Library)]
    public static partial ulong duckdb_vector_size();

    // ---- configuration and databases
    [LibraryImport(Library)]
    public static partial int duckdb_create_config(out nint config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int duckdb_set_config(ConfigHandle config, string name, string option);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_config(ref nint config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int duckdb_open_ext(string path, out nint database, ConfigHandle config, out nint error);

    [LibraryImport(Library)]
    public static partial void duckdb_close(ref nint database);

    [LibraryImport(Library)]
    public static partial int duckdb_connect(DatabaseHandle database, out nint connection);

    [LibraryImport(Library)]
    public static partial void duckdb_disconnect(ref nint connection);

    [LibraryImport(Library)]
    public static partial void duckdb_interrupt(ConnectionHandle connection);

    // ---- queries and results (duckdb_result is a caller-allocated struct, passed by pointer)
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int duckdb_query(ConnectionHandle connection, string query, ResultHandle result);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_result(nint result);

    [LibraryImport(Library)]
    public static partial nint duckdb_result_error(ResultHandle result);

    [LibraryImport(Library)]
    public static partial int duckdb_result_error_type(ResultHandle result);

    [LibraryImport(Library)]
    public static partial ulong duckdb_column_count(ResultHandle result);

    [LibraryImport(Library)]
    public static partial nint duckdb_column_name(ResultHandle result, ulong column);

    [LibraryImport(Library)]
    public static partial nint duckdb_column_logical_type(ResultHandle result, ulong column);

    [LibraryImport(Library)]
    public static partial ulong duckdb_rows_changed(ResultHandle result);

    /// <summary>Takes the result struct by value, as the C API does.</summary>
    [LibraryImport(Library)]
    public static partial nint duckdb_fetch_chunk(NativeResult result);

    // ---- data chunks, vectors, logical types
    [LibraryImport(Library)]
    public static partial void duckdb_destroy_data_chunk(ref nint chunk);

    [LibraryImport(Library)]
    public static partial ulong duckdb_data_chunk_get_size(DataChunkHandle chunk);

    [LibraryImport(Library)]
    public static partial ulong duckdb_data_chunk_get_column_count(DataChunkHandle chunk);

    [LibraryImport(Library)]
    public static partial nint duckdb_data_chunk_get_vector(DataChunkHandle chunk, ulong column);

    [LibraryImport(Library)]
    public static partial nint duckdb_vector_get_data(nint vector);

    [LibraryImport(Library)]
    public static partial ulong* duckdb_vector_get_validity(nint vector);

    [LibraryImport(Library)]
    public static partial nint duckdb_vector_get_column_type(nint vector);

    [LibraryImport(Library)]
    public static partial nint duckdb_array_vector_get_child(nint vector);

    [LibraryImport(Library)]
    public static partial int duckdb_get_type_id(LogicalTypeHandle type);

    [LibraryImport(Library)]
    public static partial ulong duckdb_array_type_array_size(LogicalTypeHandle type);

    [LibraryImport(Library)]
    public static partial nint duckdb_array_type_child_type(LogicalTypeHandle type);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_logical_type(ref nint type);

    // ---- prepared statements
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int duckdb_prepare(ConnectionHandle connection, string query, out nint statement);

    [LibraryImport(Library)]
    public static partial nint duckdb_prepare_error(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_prepare(ref nint statement);

    [LibraryImport(Library)]
    public static partial ulong duckdb_nparams(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    public static partial int duckdb_clear_bindings(PreparedStatementHandle statement);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_varchar_length(PreparedStatementHandle statement, ulong index, byte* value, ulong length);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_int64(PreparedStatementHandle statement, ulong index, long value);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_int32(PreparedStatementHandle statement, ulong index, int value);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_double(PreparedStatementHandle statement, ulong index, double value);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_float(PreparedStatementHandle statement, ulong index, float value);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_boolean(PreparedStatementHandle statement, ulong index, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library)]
    public static partial int duckdb_bind_null(PreparedStatementHandle statement, ulong index);

    [LibraryImport(Library)]
    public static partial int duckdb_execute_prepared(PreparedStatementHandle statement, ResultHandle result);

    // ---- pending (streaming) results
    // Deprecated in duckdb.h since 1.1 but the only way in 1.5 to get a result whose chunks are produced as they are
    // fetched (duckdb_query and duckdb_execute_prepared materialize the whole result first).
    [LibraryImport(Library)]
    public static partial int duckdb_pending_prepared_streaming(PreparedStatementHandle statement, out nint pending);

    [LibraryImport(Library)]
    public static partial nint duckdb_pending_error(PendingResultHandle pending);

    [LibraryImport(Library)]
    public static partial int duckdb_execute_pending(PendingResultHandle pending, ResultHandle result);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_pending(ref nint pending);

    // ---- appender
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int duckdb_appender_create(ConnectionHandle connection, string? schema, string table, out nint appender);

    [LibraryImport(Library)]
    public static partial nint duckdb_appender_error_data(AppenderHandle appender);

    [LibraryImport(Library)]
    public static partial int duckdb_appender_flush(AppenderHandle appender);

    [LibraryImport(Library)]
    public static partial int duckdb_appender_close(AppenderHandle appender);

    [LibraryImport(Library)]
    public static partial int duckdb_appender_destroy(ref nint appender);

    [LibraryImport(Library)]
    public static partial int duckdb_appender_end_row(AppenderHandle appender);

    [LibraryImport(Library)]
    public static partial int duckdb_append_varchar_length(AppenderHandle appender, byte* value, ulong length);

    [LibraryImport(Library)]
    public static partial int duckdb_append_int64(AppenderHandle appender, long value);

    [LibraryImport(Library)]
    public static partial int duckdb_append_int32(AppenderHandle appender, int value);

    [LibraryImport(Library)]
    public static partial int duckdb_append_double(AppenderHandle appender, double value);

    [LibraryImport(Library)]
    public static partial int duckdb_append_float(AppenderHandle appender, float value);

    [LibraryImport(Library)]
    public static partial int duckdb_append_bool(AppenderHandle appender, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library)]
    public static partial int duckdb_append_null(AppenderHandle appender);

    // ---- filling data chunks (table functions)
    [LibraryImport(Library)]
    public static partial void duckdb_data_chunk_set_size(nint chunk, ulong size);

    [LibraryImport(Library)]
    public static partial nint duckdb_data_chunk_get_vector(nint chunk, ulong column);

    [LibraryImport(Library)]
    public static partial nint duckdb_create_selection_vector(ulong size);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_selection_vector(nint selection);

    [LibraryImport(Library)]
    public static partial uint* duckdb_selection_vector_get_data_ptr(nint selection);

    [LibraryImport(Library)]
    public static partial void duckdb_vector_copy_sel(nint source, nint target, nint selection, ulong sourceCount, ulong sourceOffset, ulong targetOffset);

    [LibraryImport(Library)]
    public static partial nint duckdb_create_logical_type(int type);

    [LibraryImport(Library)]
    public static partial nint duckdb_create_data_chunk(nint* types, ulong columnCount);

    [LibraryImport(Library)]
    public static partial void duckdb_vector_reference_vector(nint toVector, nint fromVector);

    // ---- table functions (rows supplied by .NET callbacks)
    [LibraryImport(Library)]
    public static partial nint duckdb_create_table_function();

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_table_function(ref nint function);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void duckdb_table_function_set_name(nint function, string name);

    [LibraryImport(Library)]
    public static partial void duckdb_table_function_set_extra_info(nint function, nint extraInfo, delegate* unmanaged[Cdecl]<nint, void> destroy);

    [LibraryImport(Library)]
    public static partial void duckdb_table_function_set_bind(nint function, delegate* unmanaged[Cdecl]<nint, void> bind);

    [LibraryImport(Library)]
    public static partial void duckdb_table_function_set_init(nint function, delegate* unmanaged[Cdecl]<nint, void> init);

    [LibraryImport(Library)]
    public static partial void duckdb_table_function_set_function(nint function, delegate* unmanaged[Cdecl]<nint, nint, void> main);

    [LibraryImport(Library)]
    public static partial int duckdb_register_table_function(ConnectionHandle connection, nint function);

    [LibraryImport(Library)]
    public static partial nint duckdb_bind_get_extra_info(nint info);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void duckdb_bind_add_result_column(nint info, string name, nint type);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void duckdb_bind_set_error(nint info, string error);

    [LibraryImport(Library)]
    public static partial void duckdb_init_set_max_threads(nint info, ulong maxThreads);

    [LibraryImport(Library)]
    public static partial nint duckdb_function_get_extra_info(nint info);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void duckdb_function_set_error(nint info, string error);

    // ---- error data (appender errors)
    [LibraryImport(Library)]
    public static partial nint duckdb_error_data_message(nint errorData);

    [LibraryImport(Library)]
    public static partial int duckdb_error_data_error_type(nint errorData);

    [LibraryImport(Library)]
    public static partial void duckdb_destroy_error_data(ref nint errorData);
}

/// <summary>
/// The layout of <c>duckdb_result</c> (six pointer-sized fields; only the last, the internal data, is used by the
/// non-deprecated API). Needed by value for <c>duckdb_fetch_chunk</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeResult
{
    public ulong ColumnCount;
    public ulong RowCount;
    public ulong RowsChanged;
    public nint Columns;
    public nint ErrorMessage;
    public nint InternalData;
}
