using System.Reflection;
using FabricEvidence.Gateway.DependencyInjection;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Tests;

public sealed class ApiNamingTests
{
    [Fact]
    public void No_public_type_of_the_SDK_has_the_name_of_a_Fabric_message_or_service_users_also_import()
    {
        var protocolNames = typeof(Protocol.Common.Block).Assembly.GetExportedTypes()
            .Where(t => typeof(IMessage).IsAssignableFrom(t) || t.IsEnum || (t.IsAbstract && t.IsSealed && t.GetNestedTypes().Any(n => n.Name.EndsWith("Client", StringComparison.Ordinal))))
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
        var ours = new[] { typeof(IGateway).Assembly, typeof(IFabricGatewayFactory).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => !t.IsNested)
            .Select(t => t.Name);

        var clashes = ours.Where(protocolNames.Contains).ToList();

        Assert.True(clashes.Count == 0, "Public SDK types named like Fabric message types: " + string.Join(", ", clashes));
        Assert.Contains("Block", protocolNames);
        Assert.Contains("ChaincodeEvent", protocolNames);
    }

    [Fact]
    public void Every_public_async_method_takes_a_CancellationToken_last()
    {
        var offenders = new[] { typeof(IGateway).Assembly, typeof(IFabricGatewayFactory).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("ValueTask", StringComparison.Ordinal)
                || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .Where(m => m.Name != nameof(IAsyncDisposable.DisposeAsync))
            .Where(m => m.GetParameters() is not { Length: > 0 } p || p[^1].ParameterType != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(offenders.Count == 0, "Async methods without a trailing CancellationToken: " + string.Join(", ", offenders));
    }
}
