using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>TLS settings of the test peer's channel: the roots the chaincode's certificate must chain to, and an optional client certificate.</summary>
public sealed class PeerTlsOptions
{
    public X509Certificate2Collection RootCertificates { get; init; } = [];

    public X509Certificate2? ClientCertificate { get; init; }
}

/// <summary>Grpc.Net.Client channels as a Fabric peer dials a chaincode: its own CA as the only trust anchor, optional mutual TLS.</summary>
public static class PeerChannels
{
    public static GrpcChannel Create(string address, PeerTlsOptions? tls)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        if (tls is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = tls.ClientCertificate is null ? null : [tls.ClientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, tls.RootCertificates),
            };
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = 100 * 1024 * 1024 });
    }

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors)) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
