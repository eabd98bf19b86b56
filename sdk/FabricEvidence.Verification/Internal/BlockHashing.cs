using System.Formats.Asn1;
using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Fabric's block hashes (hyperledger/fabric protoutil/blockutils.go): the header hash is SHA-256 of the DER encoding
/// of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }; the data hash is SHA-256 of the
/// block's data entries concatenated.
/// </summary>
internal static class BlockHashing
{
    public static byte[] HeaderBytes(BlockHeader header) =>
        HeaderBytes(header.Number, header.PreviousHash.Span, header.DataHash.Span);

    public static byte[] HeaderBytes(ulong number, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> dataHash)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(number);
            writer.WriteOctetString(previousHash);
            writer.WriteOctetString(dataHash);
        }

        return writer.Encode();
    }

    public static byte[] HeaderHash(BlockHeader header) => SHA256.HashData(HeaderBytes(header));

    public static byte[] DataHash(IEnumerable<ByteString> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in data)
        {
            hash.AppendData(entry.Span);
        }

        return hash.GetHashAndReset();
    }
}
