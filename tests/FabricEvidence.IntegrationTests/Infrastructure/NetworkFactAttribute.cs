namespace FabricEvidence.IntegrationTests;

/// <summary>
/// A test that needs a running Fabric network. Without Fabric's binaries it is reported as skipped, with the reason,
/// rather than failing for a reason that has nothing to do with the code under test or passing without running.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetworkFactAttribute : FactAttribute
{
    public NetworkFactAttribute()
    {
        if (NetworkEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
