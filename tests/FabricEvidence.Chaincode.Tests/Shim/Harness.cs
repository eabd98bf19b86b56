using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Tests.Shim;

/// <summary>A chaincode written as a lambda, for tests that exercise one stub call.</summary>
internal sealed class LambdaChaincode : IChaincode
{
    private readonly Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>> _invoke;
    private readonly Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>>? _init;

    public LambdaChaincode(Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>> invoke, Func<IChaincodeStub, CancellationToken, Task<ChaincodeResponse>>? init = null)
    {
        _invoke = invoke;
        _init = init;
    }

    public LambdaChaincode(Func<IChaincodeStub, Task<ChaincodeResponse>> invoke)
        : this((stub, _) => invoke(stub))
    {
    }

    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => (_init ?? _invoke)(stub, cancellationToken);

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) => _invoke(stub, cancellationToken);
}

/// <summary>Our runtime serving a chaincode, with a protocol test peer connected to it.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(ChaincodeUnderTest server, TestPeer peer)
    {
        Server = server;
        Peer = peer;
    }

    public ChaincodeUnderTest Server { get; }

    public TestPeer Peer { get; }

    public InMemoryLedger Ledger => Peer.Ledger;

    public static Task<Harness> StartAsync(Func<IChaincodeStub, Task<ChaincodeResponse>> invoke, TestPeerOptions? peerOptions = null, Action<ChaincodeServerOptions>? configure = null) =>
        StartAsync(new LambdaChaincode(invoke), peerOptions, configure);

    public static async Task<Harness> StartAsync(IChaincode chaincode, TestPeerOptions? peerOptions = null, Action<ChaincodeServerOptions>? configure = null)
    {
        var server = await ReferenceServers.StartDotnetAsync(chaincode, configure: configure, logLevel: LogLevel.Critical);
        try
        {
            var peer = await TestPeer.ConnectAsync(server.Address, peerOptions);
            return new Harness(server, peer);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public static ChaincodeResponse Ok(string payload = "") => ChaincodeResponse.Success(Encoding.UTF8.GetBytes(payload));

    public Task<TransactionResult> InvokeAsync(params string[] args) => Peer.InvokeAsync(args);

    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        await Server.DisposeAsync();
    }
}
