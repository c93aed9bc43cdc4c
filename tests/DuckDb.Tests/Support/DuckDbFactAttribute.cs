namespace Pipeline.DuckDb.Tests.Support;

/// <summary>
/// A fact that needs libduckdb. Without it the test is skipped with a message, except under <c>CI=true</c>, where it
/// runs and fails (a CI build must not pass silently without the native library).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DuckDbFactAttribute : FactAttribute
{
    public DuckDbFactAttribute()
    {
        if (!DuckDbLibrary.IsAvailable && !IsCi)
        {
            Skip = "libduckdb.so was not found (set DUCKDB_LIB or run eng/bootstrap.sh). Under CI=true this test fails instead of skipping.";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A theory that needs libduckdb; see <see cref="DuckDbFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DuckDbTheoryAttribute : TheoryAttribute
{
    public DuckDbTheoryAttribute()
    {
        if (!DuckDbLibrary.IsAvailable && !DuckDbFactAttribute.IsCi)
        {
            Skip = "libduckdb.so was not found (set DUCKDB_LIB or run eng/bootstrap.sh). Under CI=true this test fails instead of skipping.";
        }
    }
}
