using Pipeline.DuckDb;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Support;

/// <summary>
/// A fact that needs both Azurite and libduckdb: skipped with a message when either is missing, except under
/// <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteDuckDbFactAttribute : FactAttribute
{
    public AzuriteDuckDbFactAttribute()
    {
        if (AzuriteLocator.SkipReason() is { } reason)
        {
            Skip = reason;
        }
        else if (!DuckDbLibrary.IsAvailable && !DuckDbFactAttribute.IsCi)
        {
            Skip = "libduckdb.so was not found (set DUCKDB_LIB or run eng/bootstrap.sh). Under CI=true this test fails instead of skipping.";
        }
    }
}
