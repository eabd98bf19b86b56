using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>TLS settings of a listener; <see cref="Certificate"/> null means plaintext (h2c).</summary>
internal sealed record ListenerTls(X509Certificate2? Certificate, X509Certificate2Collection? ClientCertificateAuthorities);

/// <summary>
/// Accepts peers' connections and serves each on a thread of its own (<see cref="Http2Connection"/>). A chaincode
/// server has a handful of long-lived connections, one or a few per peer, so a thread per connection costs little
/// and lets each connection read with blocking calls, the cheapest path through the kernel.
/// </summary>
internal sealed partial class ChaincodeListener : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly IPEndPoint _endpoint;
    private readonly ListenerTls _tls;
    private readonly Http2ServerSettings _settings;
    private readonly ILogger _logger;
    private readonly HashSet<Http2Connection> _connections = new();
    private Socket? _socket;
    private Thread? _acceptor;
    private volatile bool _stopping;

    public ChaincodeListener(IPEndPoint endpoint, ListenerTls tls, Http2ServerSettings settings)
    {
        _endpoint = endpoint;
        _tls = tls;
        _settings = settings;
        _logger = settings.Logger;
    }

    /// <summary>Reply polls and hits over the open connections (see <see cref="ReplyPoll"/>), for tests and diagnostics.</summary>
    public (long Polls, long Hits) ReplyPolls
    {
        get
        {
            lock (_connections)
            {
                return (_connections.Sum(c => c.ReplyPolls.Polls), _connections.Sum(c => c.ReplyPolls.Hits));
            }
        }
    }

    /// <summary>The port listened on, once started.</summary>
    public int Port { get; private set; }

    /// <summary>Binds and starts accepting.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public void Start()
    {
        var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endpoint.AddressFamily == AddressFamily.InterNetworkV6 && _endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(_endpoint);
            socket.Listen(512);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"Cannot listen on {_endpoint}: {ex.Message}", ex);
        }

        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = "chaincode-accept" };
        _acceptor.Start();
    }

    /// <summary>
    /// Stops accepting, sends GOAWAY on every connection so peers open no new calls, and waits until the
    /// connections have closed (each closes when its calls have ended) or <paramref name="cancellationToken"/>
    /// fires; then closes what is left.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _socket?.Dispose();
        Http2Connection[] connections;
        lock (_connections)
        {
            connections = _connections.ToArray();
        }

        foreach (var connection in connections)
        {
            connection.BeginShutdown();
        }

        try
        {
            await Task.WhenAll(connections.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (var connection in connections)
            {
                connection.Close();
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _socket?.Dispose();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Close();
            }
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _socket!.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_stopping)
                {
                    return;
                }

                LogAcceptFailed(_logger, ex.Message);
                continue;
            }

            client.NoDelay = true;
            new Thread(() => Serve(client)) { IsBackground = true, Name = "chaincode-connection" }.Start();
        }
    }

    private void Serve(Socket client)
    {
        var peer = client.RemoteEndPoint is IPEndPoint ip ? FormatPeer(ip) : "unknown";
        Stream io;
        try
        {
            io = _tls.Certificate is null ? new NetworkStream(client, ownsSocket: true) : Handshake(client, peer);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException)
        {
            LogHandshakeFailed(_logger, peer, ex.Message);
            client.Dispose();
            return;
        }

        var connection = new Http2Connection(client, io, peer, _settings);
        lock (_connections)
        {
            if (_stopping)
            {
                io.Dispose();
                return;
            }

            _connections.Add(connection);
        }

        // Removed when it completes, not when Run returns: another thread may have taken over its reading.
        _ = connection.Completion.ContinueWith(static (_, state) =>
        {
            var (listener, finished) = ((ChaincodeListener, Http2Connection))state!;
            lock (listener._connections)
            {
                listener._connections.Remove(finished);
            }
        }, (this, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        LogConnected(_logger, peer);
        connection.Run();
    }

    /// <summary>
    /// The TLS handshake, synchronously on the connection's thread: an asynchronous operation would switch the socket to
    /// non-blocking mode for good, and .NET would then emulate every later blocking read through its event loop.
    /// </summary>
    private SslStream Handshake(Socket client, string peer)
    {
        var ssl = new SslStream(new NetworkStream(client, ownsSocket: true), leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(_tls.Certificate!, additionalCertificates: null),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            // gRPC clients (grpc-go among them) insist on negotiating h2 through ALPN.
            ApplicationProtocols = new List<SslApplicationProtocol> { SslApplicationProtocol.Http2 },
            ClientCertificateRequired = _tls.ClientCertificateAuthorities is not null,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (_tls.ClientCertificateAuthorities is { } authorities)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    LogClientCertificateMissing(_logger, peer);
                    return false;
                }

                using var presented = new X509Certificate2(certificate);
                if (CertificateChains.ChainsTo(presented, authorities, CertificateChains.ClientAuthUsageOid))
                {
                    return true;
                }

                LogClientCertificateRejected(_logger, peer, presented.Subject);
                return false;
            };
        }

        client.ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds;
        client.SendTimeout = (int)HandshakeTimeout.TotalMilliseconds;
        try
        {
            ssl.AuthenticateAsServer(options);
        }
        catch
        {
            ssl.Dispose();
            throw;
        }

        client.ReceiveTimeout = 0;
        client.SendTimeout = 0;
        return ssl;
    }

    private static string FormatPeer(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        return new IPEndPoint(address, endpoint.Port).ToString();
    }

    [LoggerMessage(300, LogLevel.Debug, "Accepted a connection from {Peer}.")]
    private static partial void LogConnected(ILogger logger, string peer);

    [LoggerMessage(301, LogLevel.Warning, "TLS handshake with {Peer} failed: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(302, LogLevel.Warning, "Peer {Peer} presented no client certificate, but mutual TLS requires one.")]
    private static partial void LogClientCertificateMissing(ILogger logger, string peer);

    [LoggerMessage(303, LogLevel.Warning, "Peer {Peer} presented client certificate {Subject}, which does not chain to CHAINCODE_CLIENT_CA_CERT.")]
    private static partial void LogClientCertificateRejected(ILogger logger, string peer, string subject);

    [LoggerMessage(304, LogLevel.Warning, "Accepting a connection failed: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);
}
