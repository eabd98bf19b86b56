using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>A transaction proposal: evaluate it (a query) or endorse it (the first step of a submit).</summary>
public interface IProposal : ISignable
{
    /// <summary>The transaction ID, lowercase hex SHA-256 of the proposal's nonce and creator.</summary>
    string TransactionId { get; }

    /// <summary>Evaluates the proposal on a peer and returns the chaincode's result. Nothing is written to the ledger.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="EvaluateException">The evaluation failed; <see cref="GatewayException.Details"/> holds each peer's reason.</exception>
    Task<byte[]> EvaluateAsync(CancellationToken cancellationToken = default);

    /// <summary>Evaluates the proposal with per-call gRPC options (deadline, headers).</summary>
    /// <param name="callOptions">Options for this call; without a deadline, <see cref="GatewayOptions.EvaluateTimeout"/> applies.</param>
    /// <param name="cancellationToken">Cancels the call (as does the token in <paramref name="callOptions"/>).</param>
    /// <returns>The chaincode's result.</returns>
    /// <exception cref="EvaluateException">The evaluation failed.</exception>
    Task<byte[]> EvaluateAsync(CallOptions callOptions, CancellationToken cancellationToken = default);

    /// <summary>Has the proposal endorsed by enough peers to satisfy the endorsement policy.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The endorsed transaction, ready to sign and submit.</returns>
    /// <exception cref="EndorseException">Endorsement failed; <see cref="GatewayException.Details"/> holds each peer's reason.</exception>
    Task<ITransaction> EndorseAsync(CancellationToken cancellationToken = default);

    /// <summary>Has the proposal endorsed, with per-call gRPC options.</summary>
    /// <param name="callOptions">Options for this call; without a deadline, <see cref="GatewayOptions.EndorseTimeout"/> applies.</param>
    /// <param name="cancellationToken">Cancels the call (as does the token in <paramref name="callOptions"/>).</param>
    /// <returns>The endorsed transaction.</returns>
    /// <exception cref="EndorseException">Endorsement failed.</exception>
    Task<ITransaction> EndorseAsync(CallOptions callOptions, CancellationToken cancellationToken = default);
}
