namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>The names registered, so that asking for an unknown name fails with a clear message instead of empty options.</summary>
internal sealed class GatewayFactoryRegistrations
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
