using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Chaincode;

/// <summary>
/// Options of a <see cref="ChaincodeServer"/>. <see cref="ChaincodeServer.CreateBuilder"/> fills them from the
/// environment variables Fabric's chaincode-as-a-service samples use (named on each property; command-line arguments
/// such as <c>--CHAINCODE_ID=...</c> work too); <see cref="ChaincodeServerBuilder.ConfigureOptions"/> can change them
/// afterwards. Each property states its default.
/// </summary>
public sealed class ChaincodeServerOptions
{
    /// <summary>
    /// The address to listen on, <c>host:port</c> (<c>CHAINCODE_SERVER_ADDRESS</c>), for example <c>0.0.0.0:9999</c>.
    /// The host may be an IP address, <c>localhost</c>, a host name, or empty / <c>*</c> / <c>0.0.0.0</c> for all
    /// interfaces; port 0 lets the operating system pick one (see <see cref="ChaincodeServer.Port"/>). No default: it
    /// must be set, and the <c>address</c> in the package's <c>connection.json</c> must reach it.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// The chaincode package id, <c>label:hash</c> (<c>CHAINCODE_ID</c>, or <c>CORE_CHAINCODE_ID_NAME</c> as the Java
    /// shim reads it), sent to the peer in REGISTER. No default: it must be set to the id that
    /// <c>peer lifecycle chaincode install</c> printed, or the peer will not accept the connection.
    /// </summary>
    public string? ChaincodeId { get; set; }

    /// <summary>
    /// The server's TLS certificate with its private key (<c>CHAINCODE_TLS_CERT</c> and <c>CHAINCODE_TLS_KEY</c>: PEM
    /// file paths, or the PEM text itself). Defaults to <see langword="null"/>: plaintext, which the peer accepts only
    /// when the package's <c>connection.json</c> has <c>"tls_required": false</c>. <c>CHAINCODE_TLS_DISABLED=true</c>
    /// forces plaintext even when certificate files are configured.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>
    /// The CAs the peer's client certificate must chain to (<c>CHAINCODE_CLIENT_CA_CERT</c>: a PEM file path or PEM
    /// text, possibly with several certificates). When set, TLS is mutual and the peer must present a certificate
    /// (<c>client_auth_required</c> in <c>connection.json</c>). Defaults to <see langword="null"/>: no client
    /// certificate is requested. Requires <see cref="TlsCertificate"/>.
    /// </summary>
    public X509Certificate2Collection? ClientCertificateAuthorities { get; set; }

    /// <summary>
    /// The MSP id of the peer's organisation (<c>CORE_PEER_LOCALMSPID</c>), returned by
    /// <see cref="IChaincodeStub.MspId"/>. A chaincode-as-a-service process does not inherit it from the peer, so it
    /// must be set explicitly. Defaults to <see langword="null"/>: reading <see cref="IChaincodeStub.MspId"/> throws.
    /// </summary>
    public string? LocalMspId { get; set; }

    /// <summary>The largest message sent or received, in bytes. Defaults to 104,857,600 (100 MiB, Fabric's limit on both sides).</summary>
    public int MaxMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>
    /// How long a connection may be idle before the server sends an HTTP/2 PING. Defaults to 60 seconds, as Fabric's Go
    /// shim server. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the PING acknowledgement before closing the connection. Defaults to 20 seconds.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// When the server stops, how long transactions in flight get to finish before their streams are closed. New
    /// transactions are refused meanwhile. Defaults to 30 seconds, the peer's default <c>chaincode.executetimeout</c>.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
