using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Verification;

/// <summary>An <see cref="IBlockSource"/> over blocks already in memory, e.g. fetched with <c>peer channel fetch</c>.</summary>
public sealed class InMemoryBlockSource : IBlockSource
{
    private readonly Dictionary<ulong, ReadOnlyMemory<byte>> _blocks = [];
    private readonly Dictionary<string, ulong> _transactions = new(StringComparer.Ordinal);

    /// <summary>Indexes the blocks by number and by the transaction ids their envelopes carry.</summary>
    /// <param name="blocks">Serialized <c>common.Block</c> messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> is null.</exception>
    /// <exception cref="ArgumentException">A block cannot be decoded, or two blocks have the same number.</exception>
    public InMemoryBlockSource(IEnumerable<ReadOnlyMemory<byte>> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        foreach (var bytes in blocks)
        {
            Block block;
            try
            {
                block = Block.Parser.ParseFrom(bytes.Span);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new ArgumentException($"A block cannot be decoded: {e.Message}", nameof(blocks), e);
            }

            var number = block.Header?.Number ?? throw new ArgumentException("A block has no header.", nameof(blocks));
            if (!_blocks.TryAdd(number, bytes))
            {
                throw new ArgumentException($"Block {number} is given twice.", nameof(blocks));
            }

            foreach (var data in block.Data?.Data ?? [])
            {
                try
                {
                    var payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(data).Payload);
                    var txId = payload.Header is null ? string.Empty : ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).TxId;
                    if (txId.Length > 0)
                    {
                        _transactions.TryAdd(txId, number);
                    }
                }
                catch (InvalidProtocolBufferException)
                {
                    // An envelope that does not decode has no id to be found by.
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">There is no such block.</exception>
    public Task<ReadOnlyMemory<byte>> GetBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        _blocks.TryGetValue(blockNumber, out var block)
            ? Task.FromResult(block)
            : Task.FromException<ReadOnlyMemory<byte>>(new KeyNotFoundException($"Block {blockNumber} is not in the source."));

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No block holds the transaction.</exception>
    public Task<ReadOnlyMemory<byte>> GetBlockByTransactionIdAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        return _transactions.TryGetValue(transactionId, out var number)
            ? GetBlockAsync(number, cancellationToken)
            : Task.FromException<ReadOnlyMemory<byte>>(new KeyNotFoundException($"No block in the source holds transaction {transactionId}."));
    }
}
