using FabricEvidence.Gateway;
using Grpc.Net.Client;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// A Gateway client of one organisation's peer, as one of its users, over TLS with the network's generated crypto:
/// the connection, the gateway and the channel. Dispose it to close both.
/// </summary>
public sealed class GatewayConnection : IAsyncDisposable
{
    /// <summary>The sample chaincode's contract name.</summary>
    public const string CustodyContract = "custody";

    private GatewayConnection(GrpcChannel channel, IGateway gateway, INetwork network, string chaincodeName, NetworkOrganisation organisation)
    {
        Channel = channel;
        Gateway = gateway;
        Network = network;
        ChaincodeName = chaincodeName;
        Organisation = organisation;
    }

    public GrpcChannel Channel { get; }

    public IGateway Gateway { get; }

    public INetwork Network { get; }

    public string ChaincodeName { get; }

    public NetworkOrganisation Organisation { get; }

    /// <summary>The sample's <c>custody</c> contract (transaction names are sent as <c>custody:Name</c>).</summary>
    public IContract Custody => Network.GetContract(ChaincodeName, CustodyContract);

    /// <summary>The chaincode without a contract name, for functions named in full such as <c>org.hyperledger.fabric:GetMetadata</c>.</summary>
    public IContract Chaincode => Network.GetContract(ChaincodeName);

    /// <summary>Connects to organisation <paramref name="org"/>'s peer as <paramref name="user"/>.</summary>
    /// <param name="configure">Changes to the gateway's options (timeouts, resilience) before connecting.</param>
    public static GatewayConnection Connect(FabricNetwork fabric, int org, NetworkUser user = NetworkUser.User, Action<GatewayOptions>? configure = null)
    {
        var organisation = fabric.Organisation(org);
        // The peer's certificate names 127.0.0.1, so the address itself is checked; no server-name override.
        var channel = FabricChannel.ForAddress(organisation.PeerEndpoint, new FabricChannelOptions().WithTlsRootCertificateFile(organisation.TlsCaPath));
        try
        {
            var credentials = Identities.LoadMspDirectory(organisation.MspId, organisation.UserMspDirectories[user]);
            var options = new GatewayOptions
            {
                Channel = channel,
                Identity = credentials.Identity,
                Signer = credentials.Signer,
            };
            configure?.Invoke(options);
            var gateway = FabricGateway.Connect(options);
            return new GatewayConnection(channel, gateway, gateway.GetNetwork(fabric.Channel), fabric.ChaincodeName, organisation);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Channel.Dispose();
    }
}
