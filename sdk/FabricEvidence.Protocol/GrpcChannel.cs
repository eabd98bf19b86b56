using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Internal;

namespace FabricEvidence.Protocol;

/// <summary>
/// A connection to a gRPC server over HTTP/2, built on .NET's <see cref="SocketsHttpHandler"/>. One channel multiplexes
/// any number of concurrent calls over one connection (reconnecting when it drops). Thread-safe; create one per server
/// and share it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options, HttpMessageInvoker invoker)
    {
        Address = address;
        Options = options;
        _invoker = invoker;
        UserAgent = options.UserAgent ?? "fabric-evidence-dotnet/" + typeof(GrpcChannel).Assembly.GetName().Version?.ToString(3);
    }

    /// <summary>The server address: <c>https://host:port</c> for TLS, <c>http://host:port</c> for plaintext HTTP/2.</summary>
    public Uri Address { get; }

    /// <summary>The options the channel was created with.</summary>
    public GrpcChannelOptions Options { get; }

    internal string UserAgent { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address"><c>https://host:port</c> for TLS or <c>http://host:port</c> for plaintext HTTP/2.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The address is not an absolute http or https URI, or an option is out of range.</exception>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{address}' is not an absolute URI. Use https://host:port for TLS or http://host:port for plaintext.", nameof(address));
        }

        return ForAddress(uri, options);
    }

    /// <inheritdoc cref="ForAddress(string, GrpcChannelOptions?)"/>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Address '{address}' must be an absolute http:// or https:// URI.", nameof(address));
        }

        if (address.AbsolutePath != "/" && address.AbsolutePath.Length > 0)
        {
            throw new ArgumentException($"Address '{address}' must not have a path; gRPC method paths are added per call.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        Validate(options);

        if (options.HttpHandler is { } custom)
        {
            return new GrpcChannel(address, options, new HttpMessageInvoker(custom, disposeHandler: false));
        }

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = options.EnableMultipleConnections,
            InitialHttp2StreamWindowSize = options.InitialStreamWindowSize,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };

        if (options.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            handler.KeepAlivePingDelay = options.KeepAliveInterval;
            handler.KeepAlivePingTimeout = options.KeepAliveTimeout;
            handler.KeepAlivePingPolicy = options.KeepAliveWithoutCalls ? HttpKeepAlivePingPolicy.Always : HttpKeepAlivePingPolicy.WithActiveRequests;
        }

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = CreateSslOptions(address, options);
        }

        return new GrpcChannel(address, options, new HttpMessageInvoker(handler, disposeHandler: true));
    }

    /// <summary>Makes a unary call and returns its response.</summary>
    /// <exception cref="GrpcException">The call ended with a status other than OK.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = StartCall(method, GrpcMethodType.Unary, options, cancellationToken);
        using (call)
        {
            call.SendSingle(request);
            if (!await call.MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // The call already ended with OK, so this status is ours alone, not the call's.
                throw new GrpcException(new GrpcStatus(GrpcStatusCode.Internal, "The server ended a unary call with status OK but sent no message."), call.GetTrailers(), null);
            }

            var response = call.Current;
            if (await call.MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
            {
                throw call.Fail(new GrpcStatus(GrpcStatusCode.Internal, "The server sent more than one message on a unary call."));
            }

            return response;
        }
    }

    /// <summary>Starts a server-streaming call; read its responses with <see cref="ServerStreamingCall{TResponse}.ReadAllAsync"/>.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = StartCall(method, GrpcMethodType.ServerStreaming, options, cancellationToken);
        call.SendSingle(request);
        return new ServerStreamingCall<TResponse>(call);
    }

    /// <summary>Starts a bidirectional-streaming call. Requests and responses flow concurrently.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = StartCall(method, GrpcMethodType.DuplexStreaming, options, cancellationToken);
        var writer = call.SendStreaming();
        return new DuplexStreamingCall<TRequest, TResponse>(call, writer);
    }

    /// <summary>Closes the connection. Calls in progress fail.</summary>
    public void Dispose()
    {
        // The invoker disposes the handler only when the channel created it (disposeHandler above).
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _invoker.Dispose();
        }
    }

    private ClientCall<TRequest, TResponse> StartCall<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, GrpcMethodType expected, GrpcCallOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.Path} is {method.Type}, not {expected}.", nameof(method));
        }

        return new ClientCall<TRequest, TResponse>(this, method, options, cancellationToken);
    }

    private static void Validate(GrpcChannelOptions options)
    {
        if (options.MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentException("MaxReceiveMessageSize must be positive.", nameof(options));
        }

        if (options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentException("MaxSendMessageSize must be positive.", nameof(options));
        }

        if (options.KeepAliveInterval != Timeout.InfiniteTimeSpan && options.KeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("KeepAliveInterval must be at least 1 second, or Timeout.InfiniteTimeSpan to turn keepalive off.", nameof(options));
        }

        if (options.InitialStreamWindowSize < 65535)
        {
            throw new ArgumentException("InitialStreamWindowSize must be at least 65,535 bytes (the HTTP/2 default).", nameof(options));
        }

        if (options.ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("ClientCertificate has no private key; mutual TLS needs the certificate with its key (X509Certificate2.CreateFromPem(cert, key)).", nameof(options));
        }
    }

    private static SslClientAuthenticationOptions CreateSslOptions(Uri address, GrpcChannelOptions options)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            ApplicationProtocols = new List<SslApplicationProtocol> { SslApplicationProtocol.Http2 },
        };

        if (options.ClientCertificate is { } clientCert)
        {
            ssl.ClientCertificates = new X509CertificateCollection { clientCert };
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCert;
        }

        var roots = options.RootCertificates;
        var expectedName = options.ServerNameOverride ?? address.IdnHost;
        if (roots is not null || options.ServerNameOverride is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                TlsValidation.ValidateServer(certificate, errors, roots, expectedName, options.ServerNameOverride is not null);
        }

        return ssl;
    }
}
