using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>A full block from a bundle, decoded once, with what the verifier reads from its metadata.</summary>
internal sealed class ParsedBlock
{
    private const int SignaturesIndex = (int)BlockMetadataIndex.Signatures;
    private const int LegacyLastConfigIndex = 1; // BlockMetadataIndex.LAST_CONFIG, deprecated but still read by Fabric
    private const int TransactionsFilterIndex = (int)BlockMetadataIndex.TransactionsFilter;

    private readonly ParsedEnvelope?[] _envelopes;

    private ParsedBlock(Block block, BundleEntry entry)
    {
        Block = block;
        Entry = entry;
        Header = block.Header;
        Data = block.Data?.Data ?? (IReadOnlyList<ByteString>)[];
        _envelopes = new ParsedEnvelope?[Data.Count];
    }

    public Block Block { get; }

    public BundleEntry Entry { get; }

    public BlockHeader Header { get; }

    public ulong Number => Header.Number;

    public IReadOnlyList<ByteString> Data { get; }

    /// <summary>Decodes a block; null and an error message when the bytes are not a block with a header.</summary>
    public static ParsedBlock? TryParse(ReadOnlyMemory<byte> bytes, BundleEntry entry, out string? error)
    {
        try
        {
            var block = Block.Parser.ParseFrom(bytes.Span);
            if (block.Header is null)
            {
                error = "the block has no header";
                return null;
            }

            error = null;
            return new ParsedBlock(block, entry);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"the bytes are not a common.Block ({e.Message})";
            return null;
        }
    }

    public ParsedEnvelope Envelope(int index) => _envelopes[index] ??= ParsedEnvelope.Parse(this, index);

    /// <summary>The block's <c>SIGNATURES</c> metadata, or an error.</summary>
    public Metadata? SignaturesMetadata(out string? error) => MetadataAt(SignaturesIndex, out error);

    /// <summary>
    /// The number of the configuration block in force, from the orderer's signed metadata (<c>OrdererBlockMetadata</c>
    /// in <c>SIGNATURES</c>), or from the deprecated <c>LAST_CONFIG</c> entry when the former is empty, as Fabric reads it.
    /// </summary>
    public ulong? LastConfigIndex(out string? error)
    {
        var signatures = MetadataAt(SignaturesIndex, out error);
        if (signatures is null)
        {
            return null;
        }

        try
        {
            if (!signatures.Value.IsEmpty)
            {
                var orderer = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value);
                if (orderer.LastConfig is null)
                {
                    error = "the orderer's block metadata names no last configuration block";
                    return null;
                }

                return orderer.LastConfig.Index;
            }

            var legacy = MetadataAt(LegacyLastConfigIndex, out error);
            if (legacy is null)
            {
                return null;
            }

            return LastConfig.Parser.ParseFrom(legacy.Value).Index;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"the last configuration index cannot be decoded ({e.Message})";
            return null;
        }
    }

    /// <summary>The validation code Fabric's committing peer recorded for the transaction at <paramref name="index"/>.</summary>
    public int? ValidationCode(int index, out string? error)
    {
        var metadata = Block.Metadata?.Metadata;
        if (metadata is null || metadata.Count <= TransactionsFilterIndex)
        {
            error = "the block has no TRANSACTIONS_FILTER metadata";
            return null;
        }

        var filter = metadata[TransactionsFilterIndex];
        if (filter.Length != Data.Count)
        {
            error = $"the TRANSACTIONS_FILTER metadata has {filter.Length} entries for {Data.Count} transactions";
            return null;
        }

        error = null;
        return filter[index];
    }

    private Metadata? MetadataAt(int index, out string? error)
    {
        var metadata = Block.Metadata?.Metadata;
        if (metadata is null || metadata.Count <= index)
        {
            error = $"the block has no metadata at index {index}";
            return null;
        }

        try
        {
            error = null;
            return Metadata.Parser.ParseFrom(metadata[index]);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"the metadata at index {index} cannot be decoded ({e.Message})";
            return null;
        }
    }
}
