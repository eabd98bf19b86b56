using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>The container-owned gRPC channel and the gateway over it; disposing closes both, gateway first.</summary>
internal sealed class GatewayConnection : IAsyncDisposable, IDisposable
{
    private readonly GrpcChannel _channel;

    public GatewayConnection(IOptions<FabricGatewayOptions> options, ILoggerFactory? loggerFactory = null)
    {
        var settings = options.Value;
        var endpoint = settings.Endpoint!.Contains("://", StringComparison.Ordinal) ? settings.Endpoint : "https://" + settings.Endpoint;
        var channelOptions = new GrpcChannelOptions { ServerNameOverride = settings.ServerNameOverride };
        byte[]? tlsCertificateHash = null;
        if (settings.TlsRootCertificatePath is { } roots)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(roots);
            if (collection.Count == 0)
            {
                throw new OptionsValidationException(nameof(FabricGatewayOptions), typeof(FabricGatewayOptions), new[] { $"TlsRootCertificatePath '{roots}' holds no PEM certificate." });
            }

            channelOptions.RootCertificates = collection;
        }

        if (settings.TlsClientCertificatePath is { } clientCertificate)
        {
            channelOptions.ClientCertificate = X509Certificate2.CreateFromPemFile(clientCertificate, settings.TlsClientKeyPath);
            tlsCertificateHash = Identities.ComputeTlsCertificateHash(channelOptions.ClientCertificate);
        }

        var (identity, signer) = LoadIdentity(settings);
        var hash = settings.Hash is { Length: > 0 } name
            ? FabricEvidence.Gateway.Hash.FromName(name)
            : signer is not null && identity.Certificate.PublicKey.Oid.Value == "1.3.101.112" ? FabricEvidence.Gateway.Hash.None : FabricEvidence.Gateway.Hash.Sha256;

        _channel = GrpcChannel.ForAddress(endpoint, channelOptions);
        try
        {
            Gateway = FabricEvidence.Gateway.Gateway.Connect(new GatewayOptions
            {
                Connection = _channel,
                Identity = identity,
                Signer = signer,
                Hash = hash,
                TlsClientCertificateHash = tlsCertificateHash,
                EvaluateTimeout = settings.EvaluateTimeout,
                EndorseTimeout = settings.EndorseTimeout,
                SubmitTimeout = settings.SubmitTimeout,
                CommitStatusTimeout = settings.CommitStatusTimeout,
                ChaincodeEventsTimeout = settings.ChaincodeEventsTimeout,
                BlockEventsTimeout = settings.BlockEventsTimeout,
                FilteredBlockEventsTimeout = settings.FilteredBlockEventsTimeout,
                BlockAndPrivateDataEventsTimeout = settings.BlockAndPrivateDataEventsTimeout,
                Resilience = settings.Resilience,
                LoggerFactory = loggerFactory,
            });
        }
        catch
        {
            _channel.Dispose();
            throw;
        }
    }

    public IGateway Gateway { get; }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
    }

    public void Dispose()
    {
        Gateway.Dispose();
        _channel.Dispose();
    }

    private static (X509Identity Identity, ISigner? Signer) LoadIdentity(FabricGatewayOptions settings)
    {
        if (settings.MspDirectory is { } msp)
        {
            var credentials = Identities.LoadMspDirectory(settings.MspId!, msp);
            return (credentials.Identity, credentials.Signer);
        }

        using var certificate = Identities.ReadCertificateFile(settings.CertificatePath!);
        var identity = new X509Identity(settings.MspId!, certificate);
        if (settings.PrivateKeyPath is null)
        {
            return (identity, null);
        }

        using var key = PrivateKey.FromPemFile(settings.PrivateKeyPath);
        return (identity, Identities.CreateSigner(key, certificate));
    }
}
