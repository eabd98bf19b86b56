using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway;

/// <summary>
/// How <see cref="FabricChannel"/> connects to a Fabric peer: the TLS CA of the peer's organization (Fabric networks
/// have their own), the host name its certificate carries, and the client certificate for mutual TLS. Each property
/// states its default.
/// </summary>
public sealed class FabricChannelOptions
{
    /// <summary>
    /// The CA certificates the peer's TLS certificate must chain to; when set, they are the only trust anchors.
    /// Defaults to <see langword="null"/>: the operating system's trusted roots.
    /// </summary>
    public X509Certificate2Collection? TlsRootCertificates { get; set; }

    /// <summary>
    /// The host name the peer's TLS certificate must carry when it differs from the address's host (for example
    /// <c>peer0.org1.example.com</c> when connecting to <c>127.0.0.1</c>). Defaults to <see langword="null"/>.
    /// </summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>The client certificate, with its private key, for peers that require mutual TLS. Defaults to <see langword="null"/>.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Where Grpc.Net.Client logs. Defaults to <see langword="null"/>: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Reads <see cref="TlsRootCertificates"/> from a PEM file (for a Fabric peer, its organization's <c>tlsca</c> certificate).</summary>
    /// <param name="pemPath">The PEM file.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException">The file holds no certificate.</exception>
    public FabricChannelOptions WithTlsRootCertificateFile(string pemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pemPath);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(pemPath);
        if (roots.Count == 0)
        {
            throw new ArgumentException($"The TLS root certificate file '{pemPath}' holds no PEM certificate.", nameof(pemPath));
        }

        TlsRootCertificates = roots;
        return this;
    }
}
