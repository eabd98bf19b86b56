using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Gateway;

/// <summary>
/// A typed view of a block, read from a raw <c>common.Block</c> with no network access: its number and hashes, and
/// each transaction with its id, creator, validation code, chaincode event, endorsements and read/write sets. Use it on
/// blocks from <see cref="INetwork.GetBlockEventsAsync"/>, from the ledger (<c>qscc</c>), or from a file.
/// </summary>
/// <remarks>
/// The view decodes lazily: transactions are decoded on first use of <see cref="Transactions"/>, read/write sets on
/// <see cref="LedgerTransaction.GetReadWriteSets"/>. Nothing is verified here (no signature, no hash chain); the
/// methods <see cref="ComputeHeaderHash()"/> and <see cref="ComputeDataHash"/> give what a verifier compares.
/// </remarks>
public sealed class LedgerBlock
{
    /// <summary>The index of the transactions-filter entry in a block's metadata (<c>common.BlockMetadataIndex.TRANSACTIONS_FILTER</c>).</summary>
    private const int TransactionsFilterIndex = 2;

    private IReadOnlyList<LedgerTransaction>? _transactions;

    private LedgerBlock(Block block)
    {
        Block = block;
        var header = block.Header ?? throw new FormatException("The block has no header.");
        Number = header.Number;
        PreviousHash = header.PreviousHash.Memory;
        DataHash = header.DataHash.Memory;
    }

    /// <summary>The raw block this view reads.</summary>
    public Block Block { get; }

    /// <summary>The block number.</summary>
    public ulong Number { get; }

    /// <summary>The header hash of the previous block, as recorded in this block's header.</summary>
    public ReadOnlyMemory<byte> PreviousHash { get; }

    /// <summary>The hash of this block's data, as recorded in its header.</summary>
    public ReadOnlyMemory<byte> DataHash { get; }

    /// <summary>The transactions (envelopes) of the block, in order.</summary>
    /// <exception cref="FormatException">An envelope is malformed.</exception>
    public IReadOnlyList<LedgerTransaction> Transactions => _transactions ??= ReadTransactions();

    /// <summary>Reads a block.</summary>
    /// <param name="block">The raw block.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FormatException">The block has no header or no data.</exception>
    public static LedgerBlock Parse(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Data is null)
        {
            throw new FormatException("The block has no data.");
        }

        return new LedgerBlock(block);
    }

    /// <summary>Reads a block from its serialized bytes (as <c>peer channel fetch</c> writes them).</summary>
    /// <param name="bytes">A serialized <c>common.Block</c>.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FormatException">The bytes are not a block.</exception>
    public static LedgerBlock Parse(ReadOnlySpan<byte> bytes) => Parse(Messages.Parse(Block.Parser, bytes.ToArray(), "common.Block"));

    /// <summary>
    /// The header hash Fabric chains blocks with: SHA-256 of the ASN.1 DER <c>SEQUENCE { INTEGER number, OCTET STRING
    /// previous_hash, OCTET STRING data_hash }</c>. The next block's <see cref="PreviousHash"/> must equal it.
    /// </summary>
    /// <returns>The 32-byte hash.</returns>
    public byte[] ComputeHeaderHash() => ComputeHeaderHash(Number, PreviousHash.Span, DataHash.Span);

    /// <summary>The header hash of any header (see <see cref="ComputeHeaderHash()"/>).</summary>
    /// <param name="number">The block number.</param>
    /// <param name="previousHash">The previous block's header hash.</param>
    /// <param name="dataHash">The block's data hash.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] ComputeHeaderHash(ulong number, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> dataHash)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(number));
            writer.WriteOctetString(previousHash);
            writer.WriteOctetString(dataHash);
        }

        return SHA256.HashData(writer.Encode());
    }

    /// <summary>The hash of the block's data as Fabric computes it: SHA-256 of the data entries concatenated. It must equal <see cref="DataHash"/>.</summary>
    /// <returns>The 32-byte hash.</returns>
    public byte[] ComputeDataHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in Block.Data.Data)
        {
            hash.AppendData(entry.Span);
        }

        return hash.GetHashAndReset();
    }

    /// <inheritdoc />
    public override string ToString() => $"Block {Number} with {Block.Data.Data.Count} transaction(s)";

    private List<LedgerTransaction> ReadTransactions()
    {
        var filter = Block.Metadata is { } metadata && metadata.Metadata.Count > TransactionsFilterIndex
            ? metadata.Metadata[TransactionsFilterIndex]
            : ByteString.Empty;
        var result = new List<LedgerTransaction>(Block.Data.Data.Count);
        for (var i = 0; i < Block.Data.Data.Count; i++)
        {
            // A block fresh from the orderer has no filter yet; its transactions are not validated.
            int? code = i < filter.Length ? filter[i] : null;
            result.Add(LedgerTransaction.Read(Number, i, Block.Data.Data[i], code));
        }

        return result;
    }
}
