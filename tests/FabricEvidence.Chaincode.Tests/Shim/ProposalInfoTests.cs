using System.Security.Cryptography;
using FabricEvidence.Chaincode.Internal.Shim;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class ProposalInfoTests
{
    private static SignedProposal Build(Action<ChannelHeader>? channel = null, Action<ChaincodeProposalPayload>? payload = null, ByteString? creator = null)
    {
        var channelHeader = new ChannelHeader
        {
            Type = 3,
            ChannelId = "ch",
            TxId = "tx",
            Epoch = 0x0102030405060708,
            Timestamp = new Timestamp { Seconds = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds(), Nanos = 123_456_789 },
        };
        channel?.Invoke(channelHeader);
        var proposalPayload = new ChaincodeProposalPayload { Input = ByteString.CopyFromUtf8("input") };
        proposalPayload.TransientMap.Add("k", ByteString.CopyFrom(1, 2, 3));
        payload?.Invoke(proposalPayload);
        var header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creator ?? ByteString.CopyFromUtf8("creator"), Nonce = ByteString.CopyFrom(new byte[24]) }.ToByteString(),
        };
        return new SignedProposal
        {
            ProposalBytes = new Proposal { Header = header.ToByteString(), Payload = proposalPayload.ToByteString(), Extension = ByteString.CopyFromUtf8("ext") }.ToByteString(),
        };
    }

    [Fact]
    public void Decoding_agrees_with_the_generated_parsers_field_by_field()
    {
        using var identity = TestIdentity.Create();
        var (signed, _, nonce) = new ProposalFactory(identity).Create("mychannel", "cc", new ChaincodeInput(), new Dictionary<string, byte[]> { ["a"] = [1], ["b"] = [] });

        var info = ProposalInfo.Decode(signed);

        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        Assert.Equal(signatureHeader.Creator.ToByteArray(), info.Creator);
        Assert.Equal(new FabricTimestamp(channelHeader.Timestamp.Seconds, channelHeader.Timestamp.Nanos), info.Timestamp);
        Assert.Equal(payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray()), info.Transient);
        Assert.Equal(SHA256.HashData([.. nonce, .. identity.Serialized.ToByteArray(), 0, 0, 0, 0, 0, 0, 0, 0]), info.Binding);
    }

    [Fact]
    public void The_epoch_is_hashed_little_endian_and_the_timestamp_keeps_its_nanoseconds()
    {
        var info = ProposalInfo.Decode(Build());

        Assert.Equal(SHA256.HashData([.. new byte[24], .. "creator"u8.ToArray(), 8, 7, 6, 5, 4, 3, 2, 1]), info.Binding);
        Assert.Equal("2024-05-06T07:08:09.123456789Z", info.Timestamp.ToString());
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_a_repeated_transient_key_keeps_its_last_value()
    {
        var signed = Build();
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        // Append an unknown varint field (15) and a second entry for "k" to the payload, as another encoder might.
        var extra = new byte[] { 15 << 3, 42, 2 << 3 | 2, 8, 10, 1, (byte)'k', 18, 3, 9, 9, 9 };
        proposal.Payload = ByteString.CopyFrom([.. proposal.Payload.ToByteArray(), .. extra]);

        var info = ProposalInfo.Decode(new SignedProposal { ProposalBytes = proposal.ToByteString() });

        Assert.Equal(new byte[] { 9, 9, 9 }, info.Transient["k"]);
    }

    [Fact]
    public void A_truncated_proposal_is_a_FormatException_naming_the_part()
    {
        // The last 5 bytes are the extension field; cutting 7 ends the message inside the payload field.
        var bytes = Build().ProposalBytes.ToByteArray();

        var ex = Assert.Throws<FormatException>(() => ProposalInfo.Decode(new SignedProposal { ProposalBytes = ByteString.CopyFrom(bytes[..^7]) }));

        Assert.Contains("proposal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_without_header_or_payload_is_rejected()
    {
        Assert.Contains("empty header", Assert.Throws<FormatException>(() => ProposalInfo.Decode(new SignedProposal { ProposalBytes = new Proposal { Payload = ByteString.CopyFromUtf8("p") }.ToByteString() })).Message, StringComparison.Ordinal);
        Assert.Contains("empty payload", Assert.Throws<FormatException>(() => ProposalInfo.Decode(new SignedProposal { ProposalBytes = new Proposal { Header = ByteString.CopyFromUtf8("h") }.ToByteString() })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_outside_the_protobuf_range_is_rejected()
    {
        var ex = Assert.Throws<FormatException>(() => ProposalInfo.Decode(Build(channel: h => h.Timestamp = new Timestamp { Seconds = 253_402_300_800 })));

        Assert.Contains("out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_is_rejected()
    {
        // Field 1 of the signature header (creator) encoded as a varint instead of bytes.
        var header = new Header { ChannelHeader = new ChannelHeader().ToByteString(), SignatureHeader = ByteString.CopyFrom(1 << 3, 5) };
        var signed = new SignedProposal { ProposalBytes = new Proposal { Header = header.ToByteString(), Payload = ByteString.CopyFromUtf8("x") }.ToByteString() };

        var ex = Assert.Throws<FormatException>(() => ProposalInfo.Decode(signed));

        Assert.Contains("signature header", ex.Message, StringComparison.Ordinal);
    }
}
