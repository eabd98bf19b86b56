using System.Net;
using System.Security.Authentication;
using FabricEvidence.Protocol.Internal;
using FabricEvidence.Protocol.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FabricEvidence.Protocol.Server;

/// <summary>
/// Hooks the gRPC transport into an ASP.NET Core host of the application's own (for example a Generic Host based
/// chaincode server): configure Kestrel with <see cref="ListenGrpc"/>, then serve with <see cref="UseGrpcServices"/>.
/// </summary>
public static class GrpcServerKestrelExtensions
{
    /// <summary>
    /// Applies the transport's limits to Kestrel and adds an HTTP/2 endpoint at <paramref name="options"/>'
    /// address and port, with TLS or mutual TLS when the options ask for it.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxConcurrentStreams;
        // Large windows let a 100 MiB message flow without waiting on WINDOW_UPDATE round trips.
        kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
        if (options.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAliveInterval;
            kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAliveTimeout;
        }

        kestrel.Listen(new IPEndPoint(options.ListenAddress, options.Port), listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (options.Certificate is { } certificate)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    if (options.ClientCertificateAuthorities is { } authorities)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (clientCertificate, _, _) =>
                            TlsValidation.ChainsTo(clientCertificate, authorities, X509KeyUsageOid.ClientAuth);
                    }
                });
            }
        });

        return kestrel;
    }

    /// <summary>Serves the methods of <paramref name="registry"/> from this application's request pipeline.</summary>
    public static IApplicationBuilder UseGrpcServices(this IApplicationBuilder app, GrpcServiceRegistry registry, GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var logger = app.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger("FabricEvidence.Protocol.Server") ?? NullLogger.Instance;
        var dispatcher = new GrpcDispatcher(registry, options, logger);
        app.Run(new RequestDelegate(dispatcher.InvokeAsync));
        return app;
    }
}
