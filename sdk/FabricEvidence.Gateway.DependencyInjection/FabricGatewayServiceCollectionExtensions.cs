using FabricEvidence.Gateway.DependencyInjection.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection;

/// <summary>Registers a Fabric Gateway client: a singleton <see cref="IGateway"/> over a gRPC connection the container owns.</summary>
public static class FabricGatewayServiceCollectionExtensions
{
    /// <summary>Registers a gateway configured from <paramref name="configuration"/> (for example <c>configuration.GetSection("FabricGateway")</c>).</summary>
    /// <example>
    /// <code>
    /// // appsettings.json: { "FabricGateway": { "Endpoint": "https://peer0.org1.example.com:7051", "TlsRootCertificatePath": "tls/ca.crt",
    /// //                                      "MspId": "Org1MSP", "MspDirectory": "msp", "Resilience": { "EvaluateMaxRetries": 3 } } }
    /// builder.Services.AddFabricGateway(builder.Configuration.GetSection("FabricGateway"));
    /// </code>
    /// </example>
    public static IServiceCollection AddFabricGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FabricGatewayOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>Registers a gateway configured in code.</summary>
    public static IServiceCollection AddFabricGateway(this IServiceCollection services, Action<FabricGatewayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FabricGatewayOptions>().Configure(configure);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FabricGatewayOptions>, FabricGatewayOptionsValidator>());
        services.TryAddSingleton<GatewayConnection>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GatewayConnection>().Gateway);
        return services;
    }
}
