using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.DuckDb.Native;

/// <summary>
/// The native side of table functions whose rows .NET supplies: the callbacks DuckDB calls (bind, init, the function
/// itself, and the destructor of the function's state), each of which turns any exception into DuckDB's error for the
/// query instead of letting it cross into native code.
/// </summary>
internal static unsafe class TableFunctions
{
    /// <summary>What a registered function needs in its callbacks; owned by a <see cref="GCHandle"/> that DuckDB frees.</summary>
    private sealed class State(IReadOnlyList<DuckDbColumn> columns, DuckDbTableFill fill, int capacity)
    {
        public IReadOnlyList<DuckDbColumn> Columns { get; } = columns;

        public DuckDbTableFill Fill { get; } = fill;

        public DuckDbOutputChunk Output { get; } = new(capacity, columns.Count);
    }

    /// <summary>Registers <paramref name="name"/> on the connection's database.</summary>
    public static void Register(ConnectionHandle connection, string name, IReadOnlyList<DuckDbColumn> columns, DuckDbTableFill fill)
    {
        var capacity = (int)NativeMethods.duckdb_vector_size();
        var state = GCHandle.Alloc(new State(columns, fill, capacity));
        var function = NativeMethods.duckdb_create_table_function();
        try
        {
            // From here DuckDB owns the state: Destroy frees it when the last copy of the function goes.
            NativeMethods.duckdb_table_function_set_extra_info(function, GCHandle.ToIntPtr(state), &Destroy);
            NativeMethods.duckdb_table_function_set_name(function, name);
            NativeMethods.duckdb_table_function_set_bind(function, &Bind);
            NativeMethods.duckdb_table_function_set_init(function, &Init);
            NativeMethods.duckdb_table_function_set_function(function, &Function);
            Errors.Check(NativeMethods.duckdb_register_table_function(connection, function),
                $"could not register the table function {name} (is the name taken?)");
        }
        finally
        {
            NativeMethods.duckdb_destroy_table_function(ref function);
        }
    }

    private static State StateOf(nint extraInfo) => (State)GCHandle.FromIntPtr(extraInfo).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Bind(nint info)
    {
        try
        {
            foreach (var column in StateOf(NativeMethods.duckdb_bind_get_extra_info(info)).Columns)
            {
                var type = NativeMethods.duckdb_create_logical_type((int)column.Type);
                try
                {
                    NativeMethods.duckdb_bind_add_result_column(info, column.Name, type);
                }
                finally
                {
                    NativeMethods.duckdb_destroy_logical_type(ref type);
                }
            }
        }
        catch (Exception e)
        {
            NativeMethods.duckdb_bind_set_error(info, e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint info) => NativeMethods.duckdb_init_set_max_threads(info, 1);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Function(nint info, nint output)
    {
        DuckDbOutputChunk? chunk = null;
        try
        {
            var state = StateOf(NativeMethods.duckdb_function_get_extra_info(info));
            chunk = state.Output;
            chunk.Attach(output);
            var rows = state.Fill(chunk);
            if (rows < 0 || rows > chunk.Capacity)
            {
                throw new InvalidOperationException($"a table function wrote {rows} rows into a chunk of {chunk.Capacity}");
            }
            NativeMethods.duckdb_data_chunk_set_size(output, (ulong)rows);
        }
        catch (Exception e)
        {
            NativeMethods.duckdb_data_chunk_set_size(output, 0);
            NativeMethods.duckdb_function_set_error(info, e.Message);
        }
        finally
        {
            chunk?.Detach();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Destroy(nint extraInfo)
    {
        GCHandle.FromIntPtr(extraInfo).Free();
    }
}
