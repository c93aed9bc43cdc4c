namespace Pipeline.DuckDb.Native;

/// <summary>
/// The selection 0, 1, …, vector size − 1, with which <c>duckdb_vector_copy_sel</c> copies rows in place. One per
/// process, created on first use and never freed (8 KiB).
/// </summary>
internal static unsafe class IdentitySelection
{
    private static readonly Lazy<nint> Selection = new(Create);

    public static nint Value => Selection.Value;

    private static nint Create()
    {
        DuckDbLibrary.EnsureLoaded();
        var size = (int)NativeMethods.duckdb_vector_size();
        var selection = NativeMethods.duckdb_create_selection_vector((ulong)size);
        var rows = NativeMethods.duckdb_selection_vector_get_data_ptr(selection);
        for (var i = 0; i < size; i++)
        {
            rows[i] = (uint)i;
        }
        return selection;
    }
}
