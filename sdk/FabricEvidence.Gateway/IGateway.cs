namespace FabricEvidence.Gateway;

/// <summary>
/// A connection to a Fabric Gateway peer as one client identity. Get an <see cref="INetwork"/> per channel, then an
/// <see cref="IContract"/> per chaincode. The <c>New…</c> methods rebuild steps from their bytes for offline signing.
/// Thread-safe. Disposing cancels the gateway's calls and event streams in progress but leaves the gRPC connection
/// open (it is shared; close it yourself).
/// </summary>
public interface IGateway : IDisposable, IAsyncDisposable
{
    /// <summary>The client identity.</summary>
    IIdentity Identity { get; }

    /// <summary>A channel (network) the client can use.</summary>
    /// <exception cref="ArgumentException"><paramref name="channelName"/> is empty.</exception>
    INetwork GetNetwork(string channelName);

    /// <summary>Rebuilds a proposal from <see cref="ISignable.GetBytes"/> (a serialized <c>gateway.ProposedTransaction</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a proposal.</exception>
    IProposal NewProposal(byte[] bytes);

    /// <summary>Rebuilds a proposal from its bytes and applies an offline <paramref name="signature"/> of its digest.</summary>
    /// <exception cref="ArgumentException">The bytes are not a proposal, or the signature is empty.</exception>
    IProposal NewSignedProposal(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds an endorsed transaction from its bytes (a serialized <c>gateway.PreparedTransaction</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not an endorsed transaction.</exception>
    ITransaction NewTransaction(byte[] bytes);

    /// <summary>Rebuilds an endorsed transaction from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not an endorsed transaction, or the signature is empty.</exception>
    ITransaction NewSignedTransaction(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a commit-status request from its bytes (a serialized <c>gateway.SignedCommitStatusRequest</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request.</exception>
    ICommit NewCommit(byte[] bytes);

    /// <summary>Rebuilds a commit-status request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a commit-status request, or the signature is empty.</exception>
    ICommit NewSignedCommit(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a chaincode-events request from its bytes (a serialized <c>gateway.SignedChaincodeEventsRequest</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request.</exception>
    IChaincodeEventsRequest NewChaincodeEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a chaincode-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a chaincode-events request, or the signature is empty.</exception>
    IChaincodeEventsRequest NewSignedChaincodeEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a block-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IBlockEventsRequest NewBlockEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a block-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IBlockEventsRequest NewSignedBlockEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a filtered-block-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a filtered-block-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IFilteredBlockEventsRequest NewSignedFilteredBlockEventsRequest(byte[] bytes, byte[] signature);

    /// <summary>Rebuilds a block-and-private-data-events request from its bytes (a serialized <c>common.Envelope</c>).</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope.</exception>
    IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(byte[] bytes);

    /// <summary>Rebuilds a block-and-private-data-events request from its bytes and applies an offline signature.</summary>
    /// <exception cref="ArgumentException">The bytes are not a Deliver seek envelope, or the signature is empty.</exception>
    IBlockAndPrivateDataEventsRequest NewSignedBlockAndPrivateDataEventsRequest(byte[] bytes, byte[] signature);
}

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
    IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(string chaincodeName, EventsOptions? options = null, CancellationToken cancellationToken = default);

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

/// <summary>
/// A smart contract: evaluate transactions (queries) and submit them (ledger updates). The one-call methods compose
/// the steps <see cref="NewProposal"/> → <see cref="IProposal.EndorseAsync"/> → <see cref="ITransaction.SubmitAsync"/>
/// → <see cref="ICommit.GetStatusAsync"/>.
/// </summary>
public interface IContract
{
    /// <summary>The chaincode name.</summary>
    string ChaincodeName { get; }

    /// <summary>The contract name within the chaincode, or <see langword="null"/> for the default contract.</summary>
    string? ContractName { get; }

    /// <summary>Evaluates a transaction with string arguments and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="GatewayException">The evaluation failed.</exception>
    Task<byte[]> EvaluateTransactionAsync(string transactionName, params string[] arguments);

    /// <summary>Evaluates a transaction with binary arguments and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="GatewayException">The evaluation failed.</exception>
    Task<byte[]> EvaluateTransactionAsync(string transactionName, IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a transaction and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="GatewayException">The evaluation failed.</exception>
    Task<byte[]> EvaluateAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Submits a transaction with string arguments, waits for it to commit, and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<byte[]> SubmitTransactionAsync(string transactionName, params string[] arguments);

    /// <summary>Submits a transaction with binary arguments, waits for it to commit, and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<byte[]> SubmitTransactionAsync(string transactionName, IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken = default);

    /// <summary>Submits a transaction, waits for it to commit, and returns its result.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    /// <exception cref="CommitStatusException">The commit status could not be obtained.</exception>
    /// <exception cref="CommitException">The transaction committed as invalid.</exception>
    Task<byte[]> SubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Endorses and submits a transaction without waiting for it to commit. Use the result's
    /// <see cref="ICommit.GetStatusAsync"/> to wait.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    /// <exception cref="SubmitException">Submission to the orderer failed.</exception>
    Task<ISubmittedTransaction> StartSubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Builds a proposal to evaluate or endorse step by step, or to sign offline.</summary>
    /// <exception cref="ArgumentException"><paramref name="transactionName"/> is empty.</exception>
    IProposal NewProposal(string transactionName, ProposalOptions? options = null);
}
