namespace FabricEvidence.Gateway;

/// <summary>
/// Records how far an application has processed an event stream, so that a stream opened with
/// <see cref="EventsOptions.Checkpoint"/> resumes exactly there. Call it after processing each event or block.
/// </summary>
public interface ICheckpointer : ICheckpoint
{
    /// <summary>Records that block <paramref name="blockNumber"/> was processed completely; the next position is the following block.</summary>
    ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Records that transaction <paramref name="transactionId"/> in block <paramref name="blockNumber"/> was processed.</summary>
    ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="chaincodeEvent"/> was processed (its block and transaction).</summary>
    ValueTask CheckpointChaincodeEventAsync(ContractEvent chaincodeEvent, CancellationToken cancellationToken = default);
}
