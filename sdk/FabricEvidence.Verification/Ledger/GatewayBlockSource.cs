using System.Globalization;
using FabricEvidence.Gateway;

namespace FabricEvidence.Verification;

/// <summary>
/// An <see cref="IBlockSource"/> that reads blocks from a peer through the Fabric Gateway: the query system chaincode
/// <c>qscc</c> (<c>GetBlockByNumber</c>, <c>GetBlockByTxID</c>, <c>GetChainInfo</c>), evaluated with the gateway's
/// identity, which must be a member of the channel. The blocks come back exactly as the peer stores them, with the
/// validation flags the verifier checks. Configuration blocks need no call of their own: the builder follows every
/// block's last-configuration index with <see cref="GetBlockAsync"/>.
/// </summary>
public sealed class GatewayBlockSource : IBlockSource
{
    private const string QueryChaincode = "qscc";
    private readonly INetwork _network;
    private readonly IContract _qscc;

    /// <summary>Creates a source for the channel <paramref name="network"/> stands for.</summary>
    /// <param name="network">The channel, from <see cref="IGateway.GetNetwork(string)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public GatewayBlockSource(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _qscc = network.GetContract(QueryChaincode);
    }

    /// <inheritdoc/>
    /// <exception cref="GatewayException">The peer refused or has no such block (its message says which).</exception>
    public async Task<ReadOnlyMemory<byte>> GetBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        await _qscc.EvaluateTransactionAsync("GetBlockByNumber", [_network.Name, blockNumber.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <exception cref="GatewayException">The peer refused or knows no such transaction (its message says which).</exception>
    public async Task<ReadOnlyMemory<byte>> GetBlockByTransactionIdAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        return await _qscc.EvaluateTransactionAsync("GetBlockByTxID", [_network.Name, transactionId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the channel's height and current block hash (<c>qscc GetChainInfo</c>), to show how far the ledger has moved on since a bundle.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The height (number of blocks) and the header hash of the last block, lowercase hexadecimal.</returns>
    /// <exception cref="GatewayException">The peer refused.</exception>
    public async Task<(ulong Height, string CurrentBlockHash)> GetChainInfoAsync(CancellationToken cancellationToken = default)
    {
        var bytes = await _qscc.EvaluateTransactionAsync("GetChainInfo", [_network.Name], cancellationToken).ConfigureAwait(false);
        var info = Protocol.Common.BlockchainInfo.Parser.ParseFrom(bytes);
        return (info.Height, Convert.ToHexStringLower(info.CurrentBlockHash.Span));
    }
}
