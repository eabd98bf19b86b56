namespace FabricEvidence.Verification;

/// <summary>
/// Where <see cref="EvidenceBundleBuilder"/> gets blocks: the raw <c>common.Block</c> bytes exactly as the peer returns
/// them. An online exporter implements it with the Gateway and <c>qscc</c> (<c>GetBlockByNumber</c>,
/// <c>GetBlockByTxID</c>); <see cref="InMemoryBlockSource"/> serves blocks already at hand (files, tests).
/// </summary>
public interface IBlockSource
{
    /// <summary>Gets a block by its number.</summary>
    /// <param name="blockNumber">The block number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The serialized block.</returns>
    /// <remarks>Throw an exception saying which block is missing when there is none.</remarks>
    Task<ReadOnlyMemory<byte>> GetBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Gets the block that holds a transaction.</summary>
    /// <param name="transactionId">The transaction id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The serialized block.</returns>
    /// <remarks>Throw an exception saying which transaction is unknown when there is none.</remarks>
    Task<ReadOnlyMemory<byte>> GetBlockByTransactionIdAsync(string transactionId, CancellationToken cancellationToken = default);
}
