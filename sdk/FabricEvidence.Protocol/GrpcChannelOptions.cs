using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Protocol;

/// <summary>
/// Options for a <see cref="GrpcChannel"/>. Every property has a default that suits a Fabric peer; the defaults are
/// stated on each property.
/// </summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The CA certificates that the server's TLS certificate must chain to. When set, only these roots are trusted
    /// (the operating system's store is not consulted), which is how Fabric networks with their own CAs work.
    /// Defaults to <see langword="null"/>: the operating system's trusted roots. Ignored for <c>http://</c> addresses.
    /// </summary>
    public X509Certificate2Collection? RootCertificates { get; set; }

    /// <summary>
    /// The client certificate, with its private key, presented for mutual TLS. Defaults to <see langword="null"/>: none.
    /// </summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// The host name the server's certificate must be issued to, when it differs from the address's host (Fabric's
    /// <c>ssl-target-name-override</c> / <c>hostnameOverride</c>). Defaults to <see langword="null"/>: the address's host.
    /// </summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>The largest message the channel accepts from the server, in bytes. Defaults to 104,857,600 (100 MiB, Fabric's limit).</summary>
    public int MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>The largest message the channel sends, in bytes. Defaults to 104,857,600 (100 MiB, Fabric's limit).</summary>
    public int MaxSendMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>
    /// How long the connection may be idle before the channel sends an HTTP/2 PING to check it. Defaults to 60 seconds,
    /// the interval Fabric's own clients use. At least 1 second; <see cref="Timeout.InfiniteTimeSpan"/> turns keepalive off.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the PING acknowledgement before the connection is closed. Defaults to 20 seconds.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether keepalive PINGs are sent while no call is active. Defaults to <see langword="true"/>, so a long-lived
    /// idle connection through a NAT or a load balancer stays open.
    /// </summary>
    public bool KeepAliveWithoutCalls { get; set; } = true;

    /// <summary>How long establishing the TCP and TLS connection may take. Defaults to 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The HTTP/2 receive window of each stream, in bytes. Larger windows move large messages faster. Defaults to 1,048,576 (1 MiB).
    /// </summary>
    public int InitialStreamWindowSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether to open extra HTTP/2 connections when the server's limit of concurrent streams is reached. Defaults to
    /// <see langword="false"/>: all calls share one connection and wait for a free stream.
    /// </summary>
    public bool EnableMultipleConnections { get; set; }

    /// <summary>
    /// An HTTP handler to send requests through instead of the channel's own <see cref="System.Net.Http.SocketsHttpHandler"/>
    /// (for tests or custom proxies). When set, the TLS, keepalive and window options above are not applied, and the
    /// channel does not dispose the handler. Defaults to <see langword="null"/>.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The <c>user-agent</c> sent with each call. Defaults to <c>fabric-evidence-dotnet/&lt;version&gt;</c>.</summary>
    public string? UserAgent { get; set; }
}
