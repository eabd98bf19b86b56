using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>The response side of a peer's Connect stream.</summary>
internal interface IMessageWriter
{
    /// <summary>Sends one message; concurrent calls are serialised, never interleaved.</summary>
    /// <exception cref="IOException">The connection has closed.</exception>
    /// <exception cref="InvalidOperationException">The stream has ended or was reset by the peer.</exception>
    Task WriteAsync(ChaincodeMessage message, CancellationToken cancellationToken = default);

}
