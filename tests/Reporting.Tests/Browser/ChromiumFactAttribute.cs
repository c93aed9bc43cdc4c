namespace Pipeline.Reporting.Tests.Browser;

/// <summary>
/// A fact that needs headless Chromium. Without it the test is skipped with a message, except under
/// <c>CI=true</c>, where it runs and fails (a CI build must not pass silently without the browser check).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Locate() is null && !Chromium.IsCi)
        {
            Skip = $"chromium was not found; {Chromium.InstallHint}. Under CI=true this test fails instead of skipping.";
        }
    }
}
