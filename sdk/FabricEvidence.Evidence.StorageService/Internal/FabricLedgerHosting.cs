using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>
/// Registers <see cref="EvidenceClientLedger"/> as the host's ledger (<c>StorageService:Ledger</c> <c>External</c>, the
/// default) when section <c>StorageService:Fabric</c> is configured: <c>MspId</c>, <c>MspDirectory</c> (the service's own identity, role <c>storage</c>),
/// <c>PeerAddress</c>, <c>TlsRootCertificate</c> (PEM file; omit for <c>http://</c> peers), <c>Channel</c> and
/// <c>Chaincode</c> (both default to <c>evidence</c>).
/// </summary>
internal static class FabricLedgerHosting
{
    public const string Section = "StorageService:Fabric";

    public static void AddFabricLedgerIfConfigured(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        if (!section.Exists() || string.Equals(builder.Configuration["StorageService:Ledger"], "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Section} is configured but {Section}:{key} is not set; set it (environment variable StorageService__Fabric__{key}).");

        var mspId = Required("MspId");
        var mspDirectory = Required("MspDirectory");
        var peer = Required("PeerAddress");
        var channelOptions = new FabricChannelOptions();
        if (section["TlsRootCertificate"] is { Length: > 0 } tlsCa)
        {
            channelOptions.WithTlsRootCertificateFile(tlsCa);
        }

        var credentials = Identities.LoadMspDirectory(mspId, mspDirectory);
        var channel = FabricChannel.ForAddress(peer, channelOptions);
        var gateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
        var client = new EvidenceClient(gateway, new EvidenceClientOptions
        {
            ChannelName = section["Channel"] is { Length: > 0 } name ? name : "evidence",
            ChaincodeName = section["Chaincode"] is { Length: > 0 } chaincode ? chaincode : "evidence",
        });

        // Created by the container (not registered as instances) so that it disposes gateway and channel at shutdown.
        builder.Services.AddSingleton(_ => new FabricConnection(channel, gateway));
        builder.Services.AddSingleton<IEvidenceLedger>(sp =>
        {
            _ = sp.GetRequiredService<FabricConnection>();
            return new EvidenceClientLedger(client);
        });
    }

    /// <summary>Disposed by the container at shutdown.</summary>
    private sealed class FabricConnection(Grpc.Net.Client.GrpcChannel channel, IGateway gateway) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            channel.Dispose();
        }
    }
}
