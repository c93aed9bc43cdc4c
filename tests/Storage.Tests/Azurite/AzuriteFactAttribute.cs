namespace Pipeline.Storage.Tests.Azurite;

/// <summary>A fact that needs Azurite: skipped with a message when it is missing, except under CI=true, where it fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (AzuriteLocator.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
