namespace Pipeline.DuckDb;

/// <summary>A column of a result: its name and type (for arrays, the element type and length too).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The type id.</param>
/// <param name="ElementType">For <see cref="DuckDbType.Array"/>, the element type; otherwise <c>null</c>.</param>
/// <param name="ArraySize">For <see cref="DuckDbType.Array"/>, the fixed length; otherwise 0.</param>
public sealed record DuckDbColumn(string Name, DuckDbType Type, DuckDbType? ElementType = null, int ArraySize = 0);
