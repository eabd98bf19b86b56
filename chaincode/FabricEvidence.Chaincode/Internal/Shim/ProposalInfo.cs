using System.Buffers.Binary;
using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// What the stub exposes from the signed proposal: creator, transient data, timestamp and binding. Decoded when the
/// transaction starts, so a malformed proposal fails the transaction before the chaincode runs (as the Go and Node
/// shims do); the byte copies the stub hands out are made on first use only.
/// </summary>
internal sealed class ProposalInfo
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoEntries = new Dictionary<string, byte[]>(0);

    private readonly ByteString _creator;
    private readonly ByteString _nonce;
    private readonly ulong _epoch;
    private readonly MapField<string, ByteString>? _transientMap;
    private byte[]? _creatorBytes;
    private byte[]? _binding;
    private IReadOnlyDictionary<string, byte[]>? _transient;

    private ProposalInfo(ByteString creator, ByteString nonce, ulong epoch, DateTimeOffset timestamp, MapField<string, ByteString>? transientMap)
    {
        _creator = creator;
        _nonce = nonce;
        _epoch = epoch;
        Timestamp = timestamp;
        _transientMap = transientMap;
    }

    /// <summary>Used when the peer sends no proposal: no creator, no transient data, the Unix epoch as timestamp.</summary>
    public static ProposalInfo Empty { get; } = new(ByteString.Empty, ByteString.Empty, 0, DateTimeOffset.UnixEpoch, null);

    public DateTimeOffset Timestamp { get; }

    public bool HasProposal => !_creator.IsEmpty || _transientMap is not null;

    public byte[] Creator => _creatorBytes ??= _creator.ToByteArray();

    public IReadOnlyDictionary<string, byte[]> Transient
    {
        get
        {
            if (_transient is not null)
            {
                return _transient;
            }

            if (_transientMap is null || _transientMap.Count == 0)
            {
                return _transient = NoEntries;
            }

            var copy = new Dictionary<string, byte[]>(_transientMap.Count, StringComparer.Ordinal);
            foreach (var entry in _transientMap)
            {
                copy[entry.Key] = entry.Value.ToByteArray();
            }

            return _transient = copy;
        }
    }

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

    /// <summary>Decodes the parts of <paramref name="signedProposal"/> the stub needs.</summary>
    /// <exception cref="FormatException">The proposal, or one of its headers, is malformed or missing.</exception>
    public static ProposalInfo Decode(SignedProposal? signedProposal)
    {
        if (signedProposal is null)
        {
            return Empty;
        }

        var proposal = Parse(Proposal.Parser, signedProposal.ProposalBytes, "proposal");
        if (proposal.Header.IsEmpty)
        {
            throw new FormatException("The proposal has an empty header.");
        }

        if (proposal.Payload.IsEmpty)
        {
            throw new FormatException("The proposal has an empty payload.");
        }

        var header = Parse(Header.Parser, proposal.Header, "proposal header");
        var signatureHeader = Parse(SignatureHeader.Parser, header.SignatureHeader, "signature header");
        var channelHeader = Parse(ChannelHeader.Parser, header.ChannelHeader, "channel header");
        var payload = Parse(ChaincodeProposalPayload.Parser, proposal.Payload, "chaincode proposal payload");
        DateTimeOffset timestamp;
        try
        {
            timestamp = channelHeader.Timestamp is { } ts ? ts.ToDateTimeOffset() : DateTimeOffset.UnixEpoch;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"The channel header's timestamp is out of range: {ex.Message}", ex);
        }

        return new ProposalInfo(signatureHeader.Creator, signatureHeader.Nonce, channelHeader.Epoch, timestamp, payload.TransientMap);
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"The {what} of the signed proposal cannot be decoded: {ex.Message}", ex);
        }
    }
}
