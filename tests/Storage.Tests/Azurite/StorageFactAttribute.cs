using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pipeline.Storage.Tests.Azurite;

/// <summary>
/// A fact of a behavioural contract that runs against several implementations: in a test class marked
/// <see cref="RequiresAzuriteAttribute"/> it is skipped (with a message) when Azurite is missing, except under CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Pipeline.Storage.Tests.Azurite.StorageFactDiscoverer", "Pipeline.Storage.Tests")]
public sealed class StorageFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="StorageFactAttribute"/> tests need Azurite.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresAzuriteAttribute : Attribute;

public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var needsAzurite = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresAzuriteAttribute)).Any();
        var reason = needsAzurite ? AzuriteLocator.SkipReason() : null;
        yield return reason is null
            ? new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}
