using FabricEvidence.Protocol.Peer;
using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>A request for filtered blocks (transaction IDs, validation codes, chaincode events without payloads), which can be signed offline.</summary>
public interface IFilteredBlockEventsRequest : ISignable
{
    /// <summary>
    /// Streams the items. The gRPC call starts with the enumeration and ends when the enumeration is disposed or
    /// <paramref name="cancellationToken"/> is cancelled. When the gateway has a signer and the stream fails with
    /// <c>Unavailable</c>, it reconnects with back-off and resumes after the last item delivered (no gap, no
    /// duplicate); see <see cref="ResilienceOptions.EventReconnectMaxAttempts"/>.
    /// </summary>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The items, in ledger order.</returns>
    /// <exception cref="GatewayException">Thrown by the enumeration when the stream fails for good.</exception>
    IAsyncEnumerable<FilteredBlock> GetEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams the items with per-call gRPC options (headers, a deadline for the whole stream).</summary>
    /// <param name="callOptions">Options for the call.</param>
    /// <param name="cancellationToken">Ends the stream (as does the token in <paramref name="callOptions"/>).</param>
    /// <returns>The items, in ledger order.</returns>
    /// <exception cref="GatewayException">Thrown by the enumeration when the stream fails for good.</exception>
    IAsyncEnumerable<FilteredBlock> GetEventsAsync(CallOptions callOptions, CancellationToken cancellationToken = default);
}
