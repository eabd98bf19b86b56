using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway;

/// <summary>
/// A step of the transaction flow that is signed before it is sent. For offline signing, send
/// <see cref="GetDigest"/> to the signer, then rebuild the step from <see cref="GetBytes"/> and the signature with the
/// matching <c>IGateway.NewSigned…</c> method. A step that is not yet signed when it is sent is signed then, with the
/// gateway's signer.
/// </summary>
public interface ISignable
{
    /// <summary>
    /// The step's serialized form, identical to Hyperledger's clients' (a <c>gateway.ProposedTransaction</c>,
    /// <c>gateway.PreparedTransaction</c>, <c>gateway.SignedCommitStatusRequest</c>,
    /// <c>gateway.SignedChaincodeEventsRequest</c> or <c>common.Envelope</c>), so it can be handed between them.
    /// </summary>
    byte[] GetBytes();

    /// <summary>What the signer must sign: the gateway's <see cref="Hash"/> of the signed part of the message.</summary>
    byte[] GetDigest();
}

/// <summary>A transaction proposal: evaluate it (a query) or endorse it (the first step of a submit).</summary>
public interface IProposal : ISignable
{
    /// <summary>The transaction ID, lowercase hex SHA-256 of the proposal's nonce and creator.</summary>
    string TransactionId { get; }

    /// <summary>Evaluates the proposal on a peer and returns the chaincode's result. Nothing is written to the ledger.</summary>
    /// <param name="callOptions">Options for this call (timeout, deadline, headers); by default the gateway's evaluate timeout applies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="GatewayException">The Gateway service reported a failure.</exception>
    Task<byte[]> EvaluateAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);

    /// <summary>Has the proposal endorsed by enough peers to satisfy the endorsement policy.</summary>
    /// <param name="callOptions">Options for this call; by default the gateway's endorse timeout applies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The endorsed transaction, ready to sign and submit.</returns>
    /// <exception cref="EndorseException">Endorsement failed; <see cref="GatewayException.Details"/> holds each peer's reason.</exception>
    Task<ITransaction> EndorseAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>An endorsed transaction, ready to submit to the orderer.</summary>
public interface ITransaction : ISignable
{
    /// <summary>The transaction ID.</summary>
    string TransactionId { get; }

    /// <summary>The chaincode's result, as returned by the endorsing peers. Valid only once the transaction commits successfully.</summary>
    byte[] GetResult();

    /// <summary>Submits the transaction for ordering; returns without waiting for it to commit.</summary>
    /// <param name="callOptions">Options for this call; by default the gateway's submit timeout applies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    Task<ISubmittedTransaction> SubmitAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>Access to a submitted transaction's commit status.</summary>
public interface ICommit : ISignable
{
    /// <summary>The transaction ID.</summary>
    string TransactionId { get; }

    /// <summary>Waits until the transaction is committed to the ledger and returns its status.</summary>
    /// <param name="callOptions">Options for this call; by default the gateway's commit-status timeout applies.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="CommitStatusException">The status could not be obtained (for example the wait timed out).</exception>
    Task<Status> GetStatusAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>A transaction that was submitted for ordering: its result and access to its commit status.</summary>
public interface ISubmittedTransaction : ICommit
{
    /// <summary>The chaincode's result. Valid only once <see cref="ICommit.GetStatusAsync"/> reports success.</summary>
    byte[] GetResult();
}

/// <summary>A request for chaincode events, which can be signed offline.</summary>
public interface IChaincodeEventsRequest : ISignable
{
    /// <summary>
    /// Streams the events. The gRPC call starts with the enumeration and is cancelled when the enumeration is
    /// disposed or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="GatewayException">Thrown by the enumeration when the stream fails.</exception>
    IAsyncEnumerable<ChaincodeEvent> GetEventsAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>A request for full blocks from the Deliver service, which can be signed offline.</summary>
public interface IBlockEventsRequest : ISignable
{
    /// <inheritdoc cref="IChaincodeEventsRequest.GetEventsAsync"/>
    IAsyncEnumerable<Block> GetEventsAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>A request for filtered blocks (transaction IDs, validation codes, chaincode events without payloads), which can be signed offline.</summary>
public interface IFilteredBlockEventsRequest : ISignable
{
    /// <inheritdoc cref="IChaincodeEventsRequest.GetEventsAsync"/>
    IAsyncEnumerable<FilteredBlock> GetEventsAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}

/// <summary>A request for blocks with the private data this client's organization may see, which can be signed offline.</summary>
public interface IBlockAndPrivateDataEventsRequest : ISignable
{
    /// <inheritdoc cref="IChaincodeEventsRequest.GetEventsAsync"/>
    IAsyncEnumerable<BlockAndPrivateData> GetEventsAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default);
}
