using FabricEvidence.Gateway.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Identity.Client;

/// <summary>
/// Registers the identity clients over gateways registered with <c>AddFabricGateway</c>. A holder's wallet is opened
/// per holder with its passphrase (<see cref="HolderWallet.OpenAsync"/>), so it is not registered.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddFabricGateway(builder.Configuration.GetSection("FabricGateway"));
/// builder.Services.AddVerifierClient(o => o.CertificateAuthorities["Org1MSP"] = [org1Ca]);
/// builder.Services.AddIssuerClient(_ => IssuerKey.FromMspDirectory(mspPath), o => o.IssuerId = "https://registry.org1.example");
/// </code>
/// </example>
public static class IdentityClientsServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="VerifierClient"/> over the gateway named by <see cref="VerifierClientOptions.GatewayName"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (the organisations' CAs at least).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddVerifierClient(this IServiceCollection services, Action<VerifierClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<VerifierClientOptions>().Configure(configure);
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<VerifierClientOptions>>().Value;
            return new VerifierClient(sp.GetRequiredService<IFabricGatewayFactory>().GetGateway(settings.GatewayName), settings);
        });
        return services;
    }

    /// <summary>Registers a singleton <see cref="IssuerClient"/> over the gateway named by <see cref="IssuerClientOptions.GatewayName"/>, signing with the key <paramref name="key"/> gives (owned by the container).</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">Creates the issuer's key, for example <c>_ =&gt; IssuerKey.FromMspDirectory(path)</c>.</param>
    /// <param name="configure">Sets the options (the issuer id at least).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIssuerClient(this IServiceCollection services, Func<IServiceProvider, IssuerKey> key, Action<IssuerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IssuerClientOptions>().Configure(configure);
        services.TryAddSingleton(key);
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<IssuerClientOptions>>().Value;
            return new IssuerClient(sp.GetRequiredService<IFabricGatewayFactory>().GetGateway(settings.GatewayName), sp.GetRequiredService<IssuerKey>(), settings);
        });
        return services;
    }

    /// <summary>Registers a singleton <see cref="RegistryClient"/> over the gateway named by <see cref="RegistryClientOptions.GatewayName"/> (an administrator's).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; optional.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRegistryClient(this IServiceCollection services, Action<RegistryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RegistryClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RegistryClientOptions>>().Value;
            return new RegistryClient(sp.GetRequiredService<IFabricGatewayFactory>().GetGateway(settings.GatewayName), settings);
        });
        return services;
    }
}
