using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace FabricEvidence.Gateway;

/// <summary>
/// Grpc.Net.Client channels set up for Fabric peers: the peer organization's TLS CA as trust anchor, a server name
/// override, mutual TLS, Fabric's 100 MiB message limit and HTTP/2 keep-alive for long-lived event streams. Use it,
/// or build your own <see cref="GrpcChannel"/> and give it to <see cref="GatewayOptions.Channel"/>.
/// </summary>
/// <example>
/// <code>
/// using var channel = FabricChannel.ForAddress("https://localhost:7051",
///     new FabricChannelOptions { ServerNameOverride = "peer0.org1.example.com" }.WithTlsRootCertificateFile("tlsca.pem"));
/// </code>
/// </example>
public static class FabricChannel
{
    /// <summary>Fabric's peers and orderers accept messages up to 100 MiB (blocks with private data can be large).</summary>
    public const int MaxMessageSize = 100 * 1024 * 1024;

    /// <summary>A channel to a peer's Gateway and Deliver services.</summary>
    /// <param name="address"><c>https://host:port</c> (TLS), <c>http://host:port</c> (plaintext), or <c>host:port</c> (TLS).</param>
    /// <param name="options">TLS settings; none by default.</param>
    /// <returns>The channel; dispose it after the gateways that use it.</returns>
    /// <exception cref="ArgumentException">The address is not an http(s) address.</exception>
    public static GrpcChannel ForAddress(string address, FabricChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var uri = address.Contains("://", StringComparison.Ordinal) ? address : "https://" + address;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{address}' is not an address of a peer: use https://host:port, http://host:port or host:port.", nameof(address));
        }

        return GrpcChannel.ForAddress(parsed, new GrpcChannelOptions
        {
            HttpHandler = CreateHttpHandler(options ?? new FabricChannelOptions()),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageSize,
            MaxSendMessageSize = MaxMessageSize,
            LoggerFactory = options?.LoggerFactory,
        });
    }

    /// <summary>
    /// The HTTP/2 handler <see cref="ForAddress"/> uses, for channels you build yourself or handlers an
    /// <c>IHttpClientFactory</c> manages.
    /// </summary>
    /// <param name="options">TLS settings.</param>
    /// <returns>A new handler.</returns>
    public static SocketsHttpHandler CreateHttpHandler(FabricChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // Event streams are long-lived; pings find a dead peer instead of waiting for TCP to notice.
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        var ssl = new SslClientAuthenticationOptions();
        var roots = options.TlsRootCertificates;
        var serverName = options.ServerNameOverride;
        if (roots is not null || serverName is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots, serverName);
        }

        if (options.ClientCertificate is { } client)
        {
            ssl.ClientCertificates = [client];
        }

        handler.SslOptions = ssl;
        return handler;
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        // With an override, the certificate must name the override instead of the address's host.
        var nameOk = serverName is null ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 : leaf.MatchesHostname(serverName);
        if (!nameOk)
        {
            return false;
        }

        if (roots is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediate CAs given with the roots may be needed to complete the chain.
        chain.ChainPolicy.ExtraStore.AddRange(roots);
        return chain.Build(leaf);
    }
}
