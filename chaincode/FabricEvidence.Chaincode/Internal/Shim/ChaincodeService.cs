using FabricEvidence.Protocol.Peer;
using FabricEvidence.Chaincode.Internal.Transport;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// The <c>protos.Chaincode/Connect</c> service: every call is a peer's stream, served independently, so a peer that
/// drops and dials again simply gets a new connection.
/// </summary>
internal sealed class ChaincodeService
{
    /// <summary>The gRPC method path peers call.</summary>
    public const string ConnectPath = "/protos.Chaincode/Connect";

    private readonly IChaincode _chaincode;
    private readonly ChaincodeRuntimeSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    public ChaincodeService(IChaincode chaincode, ChaincodeRuntimeSettings settings, ILogger logger, CancellationToken stopping)
    {
        _chaincode = chaincode;
        _settings = settings;
        _logger = logger;
        _stopping = stopping;
    }

    public Task ConnectAsync(IAsyncEnumerable<ChaincodeMessage> requests, IMessageWriter responses, string peer, CancellationToken aborted) =>
        new ChaincodeConnection(_chaincode, _settings, responses, _logger, peer).RunAsync(requests, aborted, _stopping);
}
