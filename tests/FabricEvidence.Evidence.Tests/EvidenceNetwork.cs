using FabricEvidence.Chaincode.Testing;
using FabricEvidence.Gateway;
using FabricEvidence.GatewayTestPeer;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using ContractType = FabricEvidence.Evidence.Contract.EvidenceContract;

namespace FabricEvidence.Evidence.Tests;

/// <summary>
/// The real evidence contract behind a real Gateway protocol endpoint (in memory), and clients signing as users with
/// the roles the contract checks, of two organisations.
/// </summary>
internal sealed class EvidenceNetwork : IAsyncDisposable
{
    private readonly ContractTestHost _host;
    private readonly List<IAsyncDisposable> _disposables = [];

    private EvidenceNetwork(ContractTestHost host, GatewayTestPeer.GatewayTestPeer peer)
    {
        _host = host;
        Peer = peer;
    }

    public GatewayTestPeer.GatewayTestPeer Peer { get; }

    public static async Task<EvidenceNetwork> StartAsync()
    {
        var host = ContractTestHost.Create<ContractType>();
        var peer = await GatewayTestPeer.GatewayTestPeer.StartAsync(new Dictionary<string, Chaincode.IChaincode> { ["evidence"] = host.Chaincode });
        return new EvidenceNetwork(host, peer);
    }

    /// <summary>A client signing as a new user of <paramref name="mspId"/> with the <c>role</c> attribute <paramref name="role"/>.</summary>
    public EvidenceClient Client(string role, string mspId = "Org1MSP", EvidenceClientOptions? options = null, Interceptor? interceptor = null) =>
        new(Gateway(role, mspId, interceptor), options);

    /// <summary>A gateway signing as a new user of <paramref name="mspId"/> with the <c>role</c> attribute <paramref name="role"/>; its calls go through <paramref name="interceptor"/> if given.</summary>
    public IGateway Gateway(string role, string mspId = "Org1MSP", Interceptor? interceptor = null)
    {
        var user = TestIdentity.Create(mspId, role + "1", new Dictionary<string, string> { ["role"] = role });
        var channel = GrpcChannel.ForAddress(Peer.Address);
        using var key = PrivateKey.FromPem(user.PrivateKeyPem);
        using var certificate = user.GetCertificate();
        var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = interceptor is null ? channel : null,
            CallInvoker = interceptor is null ? null : channel.Intercept(interceptor),
            Identity = X509Identity.FromPem(mspId, user.CertificatePem),
            Signer = Identities.CreateSigner(key, certificate),
            Resilience = ResilienceOptions.Disabled,
        });
        _disposables.Add(gateway);
        _disposables.Add(new ChannelDisposer(channel));
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        await Peer.DisposeAsync();
        await _host.DisposeAsync();
    }

    private sealed class ChannelDisposer(GrpcChannel channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            channel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
