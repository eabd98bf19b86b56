namespace FabricEvidence.Gateway;

/// <summary>A channel: its contracts and its event streams.</summary>
public interface INetwork
{
    /// <summary>The channel name.</summary>
    string Name { get; }

    /// <summary>A chaincode's contract; <paramref name="contractName"/> selects a named contract within the chaincode.</summary>
    /// <exception cref="ArgumentException"><paramref name="chaincodeName"/> is empty, or <paramref name="contractName"/> is empty rather than <see langword="null"/>.</exception>
    IContract GetContract(string chaincodeName, string? contractName = null);

    /// <summary>
    /// Streams the events of a chaincode's valid transactions, from <paramref name="options"/>' start (by default the
    /// next block committed). With a signer, a stream that fails with <c>Unavailable</c> reconnects after the last
    /// event delivered (see <see cref="ResilienceOptions.EventReconnectMaxAttempts"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="chaincodeName"/> is empty.</exception>
    IAsyncEnumerable<ContractEvent> GetChaincodeEventsAsync(string chaincodeName, EventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A chaincode-events request to sign offline or use later.</summary>
    /// <exception cref="ArgumentException"><paramref name="chaincodeName"/> is empty.</exception>
    IChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, EventsOptions? options = null);

    /// <summary>Streams full blocks from the Deliver service (reconnecting after the last block delivered, with a signer).</summary>
    IAsyncEnumerable<Protocol.Common.Block> GetBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A block-events request to sign offline or use later.</summary>
    IBlockEventsRequest NewBlockEventsRequest(EventsOptions? options = null);

    /// <summary>Streams filtered blocks (reconnecting after the last block delivered, with a signer).</summary>
    IAsyncEnumerable<Protocol.Peer.FilteredBlock> GetFilteredBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A filtered-block-events request to sign offline or use later.</summary>
    IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(EventsOptions? options = null);

    /// <summary>Streams blocks with private data (reconnecting after the last block delivered, with a signer).</summary>
    IAsyncEnumerable<Protocol.Peer.BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>A block-and-private-data-events request to sign offline or use later.</summary>
    IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(EventsOptions? options = null);
}
