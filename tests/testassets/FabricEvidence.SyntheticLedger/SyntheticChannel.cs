using System.Formats.Asn1;
using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.SyntheticLedger;

/// <summary>
/// A channel's block chain built in memory the way Fabric builds it: block 0 is the genesis configuration block
/// (unsigned, as configtxgen makes it); every later block has the SHA-256 data hash of its envelopes, the previous
/// block's header hash (DER SEQUENCE of number, previous hash, data hash), the orderer's signature over
/// OrdererBlockMetadata ‖ signature header ‖ header bytes, and the committing peer's validation flags.
/// </summary>
public sealed class SyntheticChannel
{
    private readonly List<byte[]> _blocks = [];
    private byte[] _previousHash = [];

    public SyntheticChannel(string channelId, Config config, TestIdentity orderer)
    {
        ChannelId = channelId;
        Orderer = orderer;
        AppendConfigBlock(config, sign: false);
    }

    public string ChannelId { get; }

    public TestIdentity Orderer { get; set; }

    public ulong LastConfigBlock { get; private set; }

    public IReadOnlyList<byte[]> Blocks => _blocks;

    public ulong Height => (ulong)_blocks.Count;

    /// <summary>Appends a configuration block (a CONFIG envelope signed by the orderer), which becomes the last configuration.</summary>
    public ulong AppendConfigBlock(Config config, bool sign = true)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.Config,
            ChannelId = ChannelId,
            Timestamp = Timestamp.FromDateTimeOffset(TestOrganization.Epoch),
        }.ToByteString();
        var signatureHeader = new SignatureHeader { Creator = sign ? Orderer.Serialized : ByteString.Empty, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString();
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader },
            Data = new ConfigEnvelope { Config = config }.ToByteString(),
        }.ToByteString();
        var envelope = new Envelope { Payload = payload, Signature = sign ? ByteString.CopyFrom(Orderer.Sign(payload.Span)) : ByteString.Empty };
        LastConfigBlock = Height;
        return AppendBlock([envelope.ToByteArray()], [0], sign);
    }

    /// <summary>Appends a block of envelopes with their validation codes (VALID by default).</summary>
    public ulong AppendBlock(IReadOnlyList<byte[]> envelopes, IReadOnlyList<byte>? validationCodes = null, bool sign = true)
    {
        var number = Height;
        var block = new Block
        {
            Header = new BlockHeader
            {
                Number = number,
                PreviousHash = ByteString.CopyFrom(_previousHash),
                DataHash = ByteString.CopyFrom(SHA256.HashData(envelopes.SelectMany(e => e).ToArray())),
            },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        foreach (var envelope in envelopes)
        {
            block.Data.Data.Add(ByteString.CopyFrom(envelope));
        }

        var ordererMetadata = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = LastConfigBlock } }.ToByteString();
        var signatures = new Metadata { Value = ordererMetadata };
        if (sign)
        {
            var signatureHeader = new SignatureHeader { Creator = Orderer.Serialized, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString();
            var signed = ordererMetadata.Concat(signatureHeader).Concat(HeaderBytes(block.Header)).ToArray();
            signatures.Signatures.Add(new MetadataSignature { SignatureHeader = signatureHeader, Signature = ByteString.CopyFrom(Orderer.Sign(signed)) });
        }

        var flags = validationCodes?.ToArray() ?? Enumerable.Repeat((byte)TxValidationCode.Valid, envelopes.Count).ToArray();
        block.Metadata.Metadata.Add(signatures.ToByteString());
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.CopyFrom(flags));
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.Empty);
        _blocks.Add(block.ToByteArray());
        _previousHash = SHA256.HashData(HeaderBytes(block.Header));
        return number;
    }

    /// <summary>Fabric's block header bytes: DER SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }.</summary>
    public static byte[] HeaderBytes(BlockHeader header)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(header.Number);
            writer.WriteOctetString(header.PreviousHash.Span);
            writer.WriteOctetString(header.DataHash.Span);
        }

        return writer.Encode();
    }

    /// <summary>Replaces a block's bytes (for tests that need a block Fabric would never make); hashes are not recomputed.</summary>
    public void ReplaceBlock(ulong number, byte[] bytes) => _blocks[(int)number] = bytes;
}
