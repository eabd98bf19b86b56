using FabricEvidence.Gateway.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence;

/// <summary>Registers an <see cref="EvidenceClient"/> over a gateway registered with <c>AddFabricGateway</c>.</summary>
/// <example>
/// <code>
/// builder.Services.AddFabricGateway(builder.Configuration.GetSection("FabricGateway"));
/// builder.Services.AddEvidenceClient(o => o.ChannelName = "evidence");
/// </code>
/// </example>
public static class EvidenceClientServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="EvidenceClient"/> over the gateway named by <see cref="EvidenceClientOptions.GatewayName"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; optional.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddEvidenceClient(this IServiceCollection services, Action<EvidenceClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EvidenceClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<EvidenceClientOptions>>().Value;
            return new EvidenceClient(sp.GetRequiredService<IFabricGatewayFactory>().GetGateway(settings.GatewayName), settings);
        });
        return services;
    }
}
