using FabricEvidence.Gateway.DependencyInjection.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection;

/// <summary>
/// Registers Fabric Gateway clients the way <c>Grpc.Net.ClientFactory</c> registers gRPC clients: by name, configured
/// from <see cref="IConfiguration"/> or code, over HTTP handlers that <see cref="System.Net.Http.IHttpClientFactory"/>
/// manages. Each method returns the <see cref="IHttpClientBuilder"/> of that handler, so delegating handlers, a
/// primary-handler override or resilience handlers can be added as for any named HTTP client.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddFabricGateway(builder.Configuration.GetSection("FabricGateway"));
/// // ... later, in a service:
/// public sealed class Reader(IGateway gateway) { ... }
///
/// // Several peers, by name:
/// builder.Services.AddFabricGateway("org2", builder.Configuration.GetSection("Org2Gateway"));
/// var org2 = serviceProvider.GetRequiredService&lt;IFabricGatewayFactory&gt;().GetGateway("org2");
/// </code>
/// </example>
public static class FabricGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the unnamed gateway (resolved as <see cref="IGateway"/>), configured from <paramref name="configuration"/>:
    /// <see cref="FabricGatewayConnectionOptions"/> and <see cref="GatewayOptions"/> are both bound from it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, for example <c>configuration.GetSection("FabricGateway")</c>.</param>
    /// <returns>The builder of the gateway's HTTP handler.</returns>
    public static IHttpClientBuilder AddFabricGateway(this IServiceCollection services, IConfiguration configuration) =>
        AddFabricGateway(services, Options.DefaultName, configuration);

    /// <summary>Registers a named gateway configured from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The name to get it by from <see cref="IFabricGatewayFactory"/>.</param>
    /// <param name="configuration">The section to bind both option types from.</param>
    /// <returns>The builder of the gateway's HTTP handler.</returns>
    public static IHttpClientBuilder AddFabricGateway(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FabricGatewayConnectionOptions>(name).Bind(configuration);
        services.AddOptions<GatewayOptions>(name).Bind(configuration);
        return AddCore(services, name);
    }

    /// <summary>Registers the unnamed gateway (resolved as <see cref="IGateway"/>), configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configureConnection">Sets the endpoint, TLS and identity.</param>
    /// <param name="configureGateway">Sets timeouts, retries and the hash; optional.</param>
    /// <returns>The builder of the gateway's HTTP handler.</returns>
    public static IHttpClientBuilder AddFabricGateway(this IServiceCollection services, Action<FabricGatewayConnectionOptions> configureConnection, Action<GatewayOptions>? configureGateway = null) =>
        AddFabricGateway(services, Options.DefaultName, configureConnection, configureGateway);

    /// <summary>Registers a named gateway configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The name to get it by from <see cref="IFabricGatewayFactory"/>.</param>
    /// <param name="configureConnection">Sets the endpoint, TLS and identity.</param>
    /// <param name="configureGateway">Sets timeouts, retries and the hash; optional.</param>
    /// <returns>The builder of the gateway's HTTP handler.</returns>
    public static IHttpClientBuilder AddFabricGateway(this IServiceCollection services, string name, Action<FabricGatewayConnectionOptions> configureConnection, Action<GatewayOptions>? configureGateway = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configureConnection);
        services.AddOptions<FabricGatewayConnectionOptions>(name).Configure(configureConnection);
        var gateway = services.AddOptions<GatewayOptions>(name);
        if (configureGateway is not null)
        {
            gateway.Configure(configureGateway);
        }

        return AddCore(services, name);
    }

    private static FabricChannelOptions ChannelOptions(FabricGatewayConnectionOptions connection)
    {
        var options = new FabricChannelOptions { ServerNameOverride = connection.ServerNameOverride };
        if (connection.TlsRootCertificatePath is { } roots)
        {
            options.WithTlsRootCertificateFile(roots);
        }

        if (connection.TlsClientCertificatePath is { } clientCertificate)
        {
            options.ClientCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(clientCertificate, connection.TlsClientKeyPath);
        }

        return options;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FabricGatewayConnectionOptions>, ConnectionOptionsValidator>());
        services.TryAddSingleton<GatewayFactory>();
        services.TryAddSingleton<IFabricGatewayFactory>(sp => sp.GetRequiredService<GatewayFactory>());
        services.Configure<GatewayFactoryRegistrations>(r => r.Names.Add(name));
        if (name.Length == 0)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<IFabricGatewayFactory>().GetGateway(Options.DefaultName));
        }

        // The channel's HTTP handler is a named HttpClient handler, so IHttpClientFactory builds it (with any handlers
        // added to the returned builder) and its configuration lives where .NET developers expect it.
        return services.AddHttpClient(GatewayFactory.HttpClientName(name))
            .ConfigurePrimaryHttpMessageHandler(sp => FabricChannel.CreateHttpHandler(ChannelOptions(sp.GetRequiredService<IOptionsMonitor<FabricGatewayConnectionOptions>>().Get(name))));
    }
}
