using System.Collections.Concurrent;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>One gateway per registered name, each over its own channel; disposing closes every gateway, then its channel.</summary>
internal sealed class GatewayFactory : IFabricGatewayFactory, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(IGateway Gateway, GrpcChannel Channel)>> _gateways = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<FabricGatewayConnectionOptions> _connections;
    private readonly IOptionsMonitor<GatewayOptions> _gatewayOptions;
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly HashSet<string> _names;

    public GatewayFactory(
        IOptionsMonitor<FabricGatewayConnectionOptions> connections,
        IOptionsMonitor<GatewayOptions> gatewayOptions,
        IHttpMessageHandlerFactory handlers,
        IOptions<GatewayFactoryRegistrations> registrations,
        ILoggerFactory? loggerFactory = null)
    {
        _connections = connections;
        _gatewayOptions = gatewayOptions;
        _handlers = handlers;
        _loggerFactory = loggerFactory;
        _names = registrations.Value.Names;
    }

    public static string HttpClientName(string name) => "FabricEvidence.Gateway:" + name;

    public IGateway GetGateway(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_names.Contains(name))
        {
            throw new InvalidOperationException(
                $"No Fabric gateway is registered under the name '{name}'; register it with services.AddFabricGateway(\"{name}\", ...). Registered: {(_names.Count == 0 ? "none" : string.Join(", ", _names.Select(n => n.Length == 0 ? "(unnamed)" : n)))}.");
        }

        var entry = _gateways.GetOrAdd(name, n => new Lazy<(IGateway, GrpcChannel)>(() => Create(n)));
        try
        {
            return entry.Value.Gateway;
        }
        catch
        {
            // A configuration error is reported each time it is asked for, not cached as a broken gateway.
            _gateways.TryRemove(name, out _);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _gateways.Values.Where(e => e.IsValueCreated))
        {
            await entry.Value.Gateway.DisposeAsync().ConfigureAwait(false);
            entry.Value.Channel.Dispose();
        }

        _gateways.Clear();
    }

    public void Dispose()
    {
        foreach (var entry in _gateways.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Gateway.Dispose();
            entry.Value.Channel.Dispose();
        }

        _gateways.Clear();
    }

    private (IGateway, GrpcChannel) Create(string name)
    {
        // Get() runs the validators, so every configuration problem is reported at once, before any file is read.
        var connection = _connections.Get(name);
        var configured = _gatewayOptions.Get(name);
        var (identity, signer) = IdentityFiles.Load(connection);
        var endpoint = connection.Endpoint!.Contains("://", StringComparison.Ordinal) ? connection.Endpoint : "https://" + connection.Endpoint;
        var channel = GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = _handlers.CreateHandler(HttpClientName(name)),
            DisposeHttpClient = true,
            // Fabric's limit: blocks and private data can be far larger than gRPC's default 4 MiB.
            MaxReceiveMessageSize = FabricChannel.MaxMessageSize,
            MaxSendMessageSize = FabricChannel.MaxMessageSize,
            LoggerFactory = _loggerFactory,
        });
        try
        {
            var options = Copy(configured);
            options.Channel = channel;
            options.Identity = identity;
            options.Signer = signer;
            options.LoggerFactory ??= _loggerFactory;
            if (connection.TlsClientCertificatePath is { } clientCertificate)
            {
                using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(clientCertificate, connection.TlsClientKeyPath);
                options.TlsClientCertificateHash = Identities.ComputeTlsCertificateHash(certificate);
            }

            return (FabricGateway.Connect(options), channel);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>A copy, so that the instance the options system caches is never given a channel or a signer.</summary>
    private static GatewayOptions Copy(GatewayOptions o) => new()
    {
        Channel = o.Channel,
        CallInvoker = o.CallInvoker,
        Identity = o.Identity,
        Signer = o.Signer,
        Hash = o.Hash,
        TlsClientCertificateHash = o.TlsClientCertificateHash,
        EvaluateTimeout = o.EvaluateTimeout,
        EndorseTimeout = o.EndorseTimeout,
        SubmitTimeout = o.SubmitTimeout,
        CommitStatusTimeout = o.CommitStatusTimeout,
        ChaincodeEventsTimeout = o.ChaincodeEventsTimeout,
        BlockEventsTimeout = o.BlockEventsTimeout,
        FilteredBlockEventsTimeout = o.FilteredBlockEventsTimeout,
        BlockAndPrivateDataEventsTimeout = o.BlockAndPrivateDataEventsTimeout,
        Resilience = o.Resilience,
        LoggerFactory = o.LoggerFactory,
    };
}
