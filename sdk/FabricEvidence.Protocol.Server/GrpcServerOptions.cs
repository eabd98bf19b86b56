using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Protocol.Server;

/// <summary>Options for the gRPC server. Each property states its default.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The address to listen on. Defaults to <see cref="IPAddress.Loopback"/> (127.0.0.1).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The port to listen on. Defaults to 0: the operating system picks a free port (see <see cref="GrpcServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// The server's TLS certificate with its private key. Defaults to <see langword="null"/>: plaintext HTTP/2 (h2c),
    /// suitable only for local development.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// The CAs that client certificates must chain to. When set, TLS is mutual: every client must present a
    /// certificate issued by one of these. Defaults to <see langword="null"/>: no client certificate is requested.
    /// Requires <see cref="Certificate"/>.
    /// </summary>
    public X509Certificate2Collection? ClientCertificateAuthorities { get; set; }

    /// <summary>The largest request message accepted, in bytes. Defaults to 104,857,600 (100 MiB, Fabric's limit).</summary>
    public int MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes. Defaults to 104,857,600 (100 MiB, Fabric's limit).</summary>
    public int MaxSendMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>The most concurrent calls on one connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). Defaults to 1,000.</summary>
    public int MaxConcurrentStreams { get; set; } = 1000;

    /// <summary>
    /// How long a connection may be idle before the server sends an HTTP/2 PING. Defaults to 60 seconds.
    /// At least 1 second; <see cref="Timeout.InfiniteTimeSpan"/> turns server keepalive off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a PING acknowledgement before closing the connection. Defaults to 20 seconds.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether an unhandled exception's type and message go to the client in <c>grpc-message</c>. Defaults to
    /// <see langword="false"/>: clients see only "Exception was thrown by handler." and the details are logged.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    internal void Validate()
    {
        if (MaxReceiveMessageSize <= 0 || MaxSendMessageSize <= 0)
        {
            throw new ArgumentException("Message size limits must be positive.");
        }

        if (MaxConcurrentStreams <= 0)
        {
            throw new ArgumentException("MaxConcurrentStreams must be positive.");
        }

        if (KeepAliveInterval != Timeout.InfiniteTimeSpan && KeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("KeepAliveInterval must be at least 1 second, or Timeout.InfiniteTimeSpan to turn keepalive off.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port {Port} is not between 0 and 65535.");
        }

        if (ClientCertificateAuthorities is not null && Certificate is null)
        {
            throw new ArgumentException("ClientCertificateAuthorities (mutual TLS) requires a server Certificate.");
        }

        if (Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The server Certificate has no private key; load it with X509Certificate2.CreateFromPem(cert, key).");
        }
    }
}
