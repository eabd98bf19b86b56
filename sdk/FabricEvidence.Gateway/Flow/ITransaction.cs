using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>An endorsed transaction, ready to submit to the orderer.</summary>
public interface ITransaction : ISignable
{
    /// <summary>The transaction ID.</summary>
    string TransactionId { get; }

    /// <summary>The chaincode's result, as returned by the endorsing peers. Valid only once the transaction commits successfully.</summary>
    /// <returns>A copy of the result.</returns>
    byte[] GetResult();

    /// <summary>Submits the transaction for ordering; returns without waiting for it to commit.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The submitted transaction, to wait for its commit status.</returns>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    Task<ISubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default);

    /// <summary>Submits the transaction with per-call gRPC options.</summary>
    /// <param name="callOptions">Options for this call; without a deadline, <see cref="GatewayOptions.SubmitTimeout"/> applies.</param>
    /// <param name="cancellationToken">Cancels the call (as does the token in <paramref name="callOptions"/>).</param>
    /// <returns>The submitted transaction.</returns>
    /// <exception cref="SubmitException">The orderer did not accept the transaction.</exception>
    Task<ISubmittedTransaction> SubmitAsync(CallOptions callOptions, CancellationToken cancellationToken = default);
}
