using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>Access to a submitted transaction's commit status.</summary>
public interface ICommit : ISignable
{
    /// <summary>The transaction ID.</summary>
    string TransactionId { get; }

    /// <summary>Waits until the transaction is committed to the ledger and returns its status.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The commit status; check <see cref="CommitStatus.Successful"/>.</returns>
    /// <exception cref="CommitStatusException">The status could not be obtained within <see cref="GatewayOptions.CommitStatusTimeout"/>, retries included.</exception>
    Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits for the commit status with per-call gRPC options.</summary>
    /// <param name="callOptions">Options for this call; without a deadline, <see cref="GatewayOptions.CommitStatusTimeout"/> applies.</param>
    /// <param name="cancellationToken">Cancels the wait (as does the token in <paramref name="callOptions"/>).</param>
    /// <returns>The commit status.</returns>
    /// <exception cref="CommitStatusException">The status could not be obtained by the deadline, retries included.</exception>
    Task<CommitStatus> GetStatusAsync(CallOptions callOptions, CancellationToken cancellationToken = default);
}
