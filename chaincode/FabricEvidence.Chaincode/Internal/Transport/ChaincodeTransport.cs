using System.Net;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Chaincode.Internal.Shim;
using FabricEvidence.Protocol.Peer;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>TLS settings of the server; <see cref="Certificate"/> null means plaintext (h2c).</summary>
internal sealed record ListenerTls(X509Certificate2? Certificate, X509Certificate2Collection? ClientCertificateAuthorities);

/// <summary>
/// Serves peers' Connect streams with Grpc.AspNetCore on Kestrel: TLS and mutual TLS (client certificates checked
/// against the configured CAs), Fabric's message limits, HTTP/2 keep-alive. Measured on real peers against the
/// runtime's former hand-written HTTP/2 server, Kestrel was as fast (see the package README), so the runtime keeps
/// no HTTP/2 code of its own.
/// </summary>
internal sealed class ChaincodeTransport : IDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly ListenerTls _tls;
    private readonly ChaincodeService _service;
    private readonly int _maxMessageSize;
    private readonly TimeSpan _keepAliveInterval;
    private readonly TimeSpan _keepAliveTimeout;
    private readonly int _maxStreams;
    private readonly ILoggerFactory _loggerFactory;
    private WebApplication? _app;

    public ChaincodeTransport(IPEndPoint endpoint, ListenerTls tls, ChaincodeService service, int maxMessageSize, TimeSpan keepAliveInterval, TimeSpan keepAliveTimeout, int maxStreams, ILoggerFactory loggerFactory)
    {
        _endpoint = endpoint;
        _tls = tls;
        _service = service;
        _maxMessageSize = maxMessageSize;
        _keepAliveInterval = keepAliveInterval;
        _keepAliveTimeout = keepAliveTimeout;
        _maxStreams = maxStreams;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The web host's configuration, once started (for tests: which sources it reads and watches).</summary>
    internal IConfiguration? Configuration => _app?.Configuration;

    /// <summary>The port listened on, once started.</summary>
    public int Port { get; private set; }

    /// <summary>Binds and starts serving.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // No reloading of appsettings.json: the server is configured in code, and reloading watches the content root
        // (the working directory) recursively with inotify, so every file written anywhere below it (a build, a
        // peer's log or ledger when the network's state is there) woke the service and cost it CPU.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        // The server's own logs go to the runtime's loggers, warnings and above only: one line per request at
        // Information would cost more than the request.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(_loggerFactory));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.Http2.MaxStreamsPerConnection = _maxStreams;
            kestrel.Limits.Http2.KeepAlivePingDelay = _keepAliveInterval;
            kestrel.Limits.Http2.KeepAlivePingTimeout = _keepAliveTimeout;
            kestrel.Listen(_endpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (_tls.Certificate is { } certificate)
                {
                    var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
                    if (_tls.ClientCertificateAuthorities is { } authorities)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (presented, _, _) =>
                            CertificateChains.ChainsTo(presented, authorities, CertificateChains.ClientAuthUsageOid);
                    }

                    listen.UseHttps(https);
                }
            });
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _maxMessageSize;
            grpc.MaxSendMessageSize = _maxMessageSize;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(_service);
        var app = builder.Build();
        app.MapGrpcService<ConnectService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new IOException($"Cannot listen on {_endpoint}: {ex.Message}", ex);
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    /// <summary>Stops accepting and ends the open streams once their calls end, or when <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => (_app as IDisposable)?.Dispose();

    /// <summary>Hands the web host's loggers to the runtime's logger factory.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    /// <summary>protos.Chaincode/Connect, handed to the runtime's chaincode service.</summary>
    private sealed class ConnectService(ChaincodeService service) : Protocol.Peer.Chaincode.ChaincodeBase
    {
        public override async Task Connect(IAsyncStreamReader<ChaincodeMessage> requestStream, IServerStreamWriter<ChaincodeMessage> responseStream, ServerCallContext context)
        {
            using var writer = new Writer(responseStream);
            await service.ConnectAsync(requestStream.ReadAllAsync(context.CancellationToken), writer, context.Peer, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Serialises the chaincode's concurrent sends: a gRPC response stream takes one write at a time.</summary>
    private sealed class Writer(IServerStreamWriter<ChaincodeMessage> stream) : IMessageWriter, IDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);

        public async Task WriteAsync(ChaincodeMessage message, CancellationToken cancellationToken = default)
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lock.Release();
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
