namespace Pipeline.Infra.Tests.Bicep;

/// <summary>
/// A fact that needs the Bicep CLI: skipped with a message when it is missing, except under <c>CI=true</c>, where it
/// runs and fails (a CI build must not pass without compiling the templates).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BicepFactAttribute : FactAttribute
{
    public BicepFactAttribute()
    {
        if (BicepCli.MissingReason is { } reason && !BicepCli.IsCi)
        {
            Skip = $"{reason}. Under CI=true this test fails instead of skipping.";
        }
    }
}
