using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// What the stub exposes from the signed proposal: creator, transient data, timestamp and binding. The proposal's
/// structure is checked when the transaction starts, so a malformed proposal fails the transaction before the
/// chaincode runs (as the Go and Node shims do); the fields are slices of the proposal bytes, copied only when the
/// chaincode asks for them.
/// </summary>
/// <remarks>
/// Field numbers (fabric-protos): Proposal{header=1, payload=2}; common.Header{channel_header=1, signature_header=2};
/// ChannelHeader{timestamp=3 (seconds=1, nanos=2), epoch=6}; SignatureHeader{creator=1, nonce=2};
/// ChaincodeProposalPayload{TransientMap=2 (entries key=1, value=2)}.
/// </remarks>
internal sealed class ProposalInfo
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoEntries = new Dictionary<string, byte[]>(0);

    private readonly ReadOnlyMemory<byte> _creator;
    private readonly ReadOnlyMemory<byte> _nonce;
    private readonly ulong _epoch;
    private readonly ReadOnlyMemory<byte> _payload;
    private byte[]? _creatorBytes;
    private byte[]? _binding;
    private IReadOnlyDictionary<string, byte[]>? _transient;

    private ProposalInfo(ReadOnlyMemory<byte> creator, ReadOnlyMemory<byte> nonce, ulong epoch, FabricTimestamp timestamp, ReadOnlyMemory<byte> payload)
    {
        _creator = creator;
        _nonce = nonce;
        _epoch = epoch;
        Timestamp = timestamp;
        _payload = payload;
    }

    /// <summary>Used when the peer sends no proposal: no creator, no transient data, the Unix epoch as timestamp.</summary>
    public static ProposalInfo Empty { get; } = new(default, default, 0, FabricTimestamp.UnixEpoch, default);

    public FabricTimestamp Timestamp { get; }

    public byte[] Creator => _creatorBytes ??= _creator.ToArray();

    public IReadOnlyDictionary<string, byte[]> Transient => _transient ??= ReadTransient(_payload);

    /// <summary>SHA-256(nonce ‖ creator ‖ epoch as 8 bytes little-endian), as Fabric computes the proposal binding.</summary>
    public byte[] Binding
    {
        get
        {
            if (_binding is not null)
            {
                return _binding;
            }

            if (_creator.IsEmpty && _nonce.IsEmpty)
            {
                return _binding = Array.Empty<byte>();
            }

            var input = new byte[_nonce.Length + _creator.Length + 8];
            _nonce.Span.CopyTo(input);
            _creator.Span.CopyTo(input.AsSpan(_nonce.Length));
            BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(_nonce.Length + _creator.Length), _epoch);
            return _binding = SHA256.HashData(input);
        }
    }

    /// <summary>Checks the structure of <paramref name="signedProposal"/> and locates the fields the stub needs.</summary>
    /// <exception cref="FormatException">The proposal, or one of its headers, is malformed or missing.</exception>
    public static ProposalInfo Decode(SignedProposal? signedProposal)
    {
        if (signedProposal is null)
        {
            return Empty;
        }

        var proposal = signedProposal.ProposalBytes.Memory;
        ReadOnlyMemory<byte> header = default, payload = default;
        var reader = new WireReader(proposal.Span, "proposal");
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    header = Slice(proposal, reader.ReadLengthDelimited(wireType));
                    break;
                case 2:
                    payload = Slice(proposal, reader.ReadLengthDelimited(wireType));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (header.IsEmpty)
        {
            throw new FormatException("The proposal has an empty header.");
        }

        if (payload.IsEmpty)
        {
            throw new FormatException("The proposal has an empty payload.");
        }

        ReadOnlyMemory<byte> channelHeader = default, signatureHeader = default;
        reader = new WireReader(header.Span, "proposal header");
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    channelHeader = Slice(header, reader.ReadLengthDelimited(wireType));
                    break;
                case 2:
                    signatureHeader = Slice(header, reader.ReadLengthDelimited(wireType));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        ReadOnlyMemory<byte> creator = default, nonce = default;
        reader = new WireReader(signatureHeader.Span, "signature header");
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    creator = Slice(signatureHeader, reader.ReadLengthDelimited(wireType));
                    break;
                case 2:
                    nonce = Slice(signatureHeader, reader.ReadLengthDelimited(wireType));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        var (timestamp, epoch) = ReadChannelHeader(channelHeader.Span);
        ValidateTransient(payload.Span);
        return new ProposalInfo(creator, nonce, epoch, timestamp, payload);
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> memory, (int Offset, int Length) range) => memory.Slice(range.Offset, range.Length);

    private static (FabricTimestamp Timestamp, ulong Epoch) ReadChannelHeader(ReadOnlySpan<byte> channelHeader)
    {
        long seconds = 0;
        long nanos = 0;
        ulong epoch = 0;
        var reader = new WireReader(channelHeader, "channel header");
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 3:
                {
                    var (offset, length) = reader.ReadLengthDelimited(wireType);
                    var timestamp = new WireReader(channelHeader.Slice(offset, length), "channel header timestamp");
                    while (timestamp.TryReadTag(out var tsField, out var tsWire))
                    {
                        switch (tsField)
                        {
                            case 1:
                                seconds = (long)timestamp.ReadVarintField(tsWire);
                                break;
                            case 2:
                                nanos = (int)timestamp.ReadVarintField(tsWire);
                                break;
                            default:
                                timestamp.Skip(tsWire);
                                break;
                        }
                    }

                    break;
                }

                case 6:
                    epoch = reader.ReadVarintField(wireType);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        if (seconds is < FabricTimestamp.MinSeconds or > FabricTimestamp.MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw new FormatException($"The channel header's timestamp ({seconds} s, {nanos} ns) is out of range.");
        }

        return (new FabricTimestamp(seconds, (int)nanos), epoch);
    }

    /// <summary>Walks the transient map without keeping it, so a malformed payload is caught at the start.</summary>
    private static void ValidateTransient(ReadOnlySpan<byte> payload) => ForEachTransientEntry(payload, static (_, _) => { });

    private static Dictionary<string, byte[]> ReadTransient(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return (Dictionary<string, byte[]>)NoEntries;
        }

        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ForEachTransientEntry(payload.Span, (key, value) => entries[key] = value.ToArray());
        return entries.Count == 0 ? (Dictionary<string, byte[]>)NoEntries : entries;
    }

    private delegate void EntryAction(string key, ReadOnlySpan<byte> value);

    private static void ForEachTransientEntry(ReadOnlySpan<byte> payload, EntryAction action)
    {
        var reader = new WireReader(payload, "chaincode proposal payload");
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field != 2)
            {
                reader.Skip(wireType);
                continue;
            }

            var (offset, length) = reader.ReadLengthDelimited(wireType);
            var entry = payload.Slice(offset, length);
            var entryReader = new WireReader(entry, "transient map entry");
            var key = string.Empty;
            ReadOnlySpan<byte> value = default;
            while (entryReader.TryReadTag(out var entryField, out var entryWire))
            {
                switch (entryField)
                {
                    case 1:
                    {
                        var (keyOffset, keyLength) = entryReader.ReadLengthDelimited(entryWire);
                        key = Encoding.UTF8.GetString(entry.Slice(keyOffset, keyLength));
                        break;
                    }

                    case 2:
                    {
                        var (valueOffset, valueLength) = entryReader.ReadLengthDelimited(entryWire);
                        value = entry.Slice(valueOffset, valueLength);
                        break;
                    }

                    default:
                        entryReader.Skip(entryWire);
                        break;
                }
            }

            action(key, value);
        }
    }
}
