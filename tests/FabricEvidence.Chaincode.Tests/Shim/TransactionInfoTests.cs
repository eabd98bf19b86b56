using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class TransactionInfoTests
{
    [Fact]
    public async Task The_stub_exposes_args_ids_creator_transient_binding_timestamp_decorations_and_msp_id()
    {
        IChaincodeStub? seen = null;
        (IReadOnlyList<string> Args, string Fn, IReadOnlyList<string> Params, string TxId, string Channel, byte[] Creator,
            IReadOnlyDictionary<string, byte[]> Transient, byte[] Binding, FabricTimestamp Ts, IReadOnlyDictionary<string, byte[]> Decorations,
            SignedProposal? Proposal, string MspId, IReadOnlyList<byte[]> Raw) info = default;
        await using var h = await Harness.StartAsync(stub =>
        {
            seen = stub;
            info = (stub.StringArgs, stub.FunctionName, stub.Parameters, stub.TxId, stub.ChannelId, stub.Creator, stub.Transient,
                stub.Binding, stub.TxTimestamp, stub.Decorations, stub.SignedProposal, stub.MspId, stub.Args);
            return Task.FromResult(Harness.Ok());
        });

        var result = await h.Peer.ExecuteAsync(new TransactionRequest("create", "a1", "\U0001F600")
        {
            ChannelId = "evidence",
            Transient = new Dictionary<string, byte[]> { ["key"] = [9, 9] },
            Decorations = new Dictionary<string, byte[]> { ["deco"] = [7] },
        });

        Assert.Equal(200, result.Status);
        Assert.Equal(new[] { "create", "a1", "\U0001F600" }, info.Args);
        Assert.Equal("create", info.Fn);
        Assert.Equal(new[] { "a1", "\U0001F600" }, info.Params);
        Assert.Equal(Encoding.UTF8.GetBytes("\U0001F600"), info.Raw![2]);
        Assert.Equal(result.TxId, info.TxId);
        Assert.Equal("evidence", info.Channel);
        Assert.Equal(h.Peer.Proposals.Identity.Serialized.ToByteArray(), info.Creator);
        Assert.Equal(new byte[] { 9, 9 }, info.Transient!["key"]);
        Assert.Equal(new byte[] { 7 }, info.Decorations!["deco"]);
        Assert.Equal(FabricTimestamp.FromDateTimeOffset(ProposalFactory.ClientTime), info.Ts);
        Assert.Equal(ReferenceServers.MspId, info.MspId);

        var proposal = Proposal.Parser.ParseFrom(info.Proposal!.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        byte[] expectedBinding = SHA256.HashData([.. signatureHeader.Nonce.ToByteArray(), .. signatureHeader.Creator.ToByteArray(), 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(expectedBinding, info.Binding);
    }

    [Fact]
    public async Task Without_a_proposal_the_proposal_fields_are_empty_and_the_timestamp_is_the_epoch()
    {
        (byte[] Creator, byte[] Binding, int Transient, FabricTimestamp Ts, bool HasProposal) info = default;
        await using var h = await Harness.StartAsync(stub =>
        {
            info = (stub.Creator, stub.Binding, stub.Transient.Count, stub.TxTimestamp, stub.SignedProposal is not null);
            return Task.FromResult(Harness.Ok());
        });

        var result = await h.Peer.ExecuteAsync(new TransactionRequest("x") { IncludeProposal = false });

        Assert.Equal(200, result.Status);
        Assert.Empty(info.Creator!);
        Assert.Empty(info.Binding!);
        Assert.Equal(0, info.Transient);
        Assert.Equal(FabricTimestamp.UnixEpoch, info.Ts);
        Assert.False(info.HasProposal);
    }

    [Fact]
    public async Task MspId_without_CORE_PEER_LOCALMSPID_throws_a_message_naming_the_variable()
    {
        await using var h = await Harness.StartAsync(stub => Task.FromResult(Harness.Ok(stub.MspId)), configure: o => o.LocalMspId = null);

        var result = await h.InvokeAsync("x");

        Assert.Equal(500, result.Status);
        Assert.Contains("CORE_PEER_LOCALMSPID is not set", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_with_a_malformed_proposal_is_answered_with_ERROR()
    {
        var ran = false;
        await using var h = await Harness.StartAsync(stub =>
        {
            ran = true;
            return Task.FromResult(Harness.Ok());
        });

        await h.Peer.SendRawAsync(new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Transaction,
            Txid = "bad",
            ChannelId = "mychannel",
            Payload = new ChaincodeInput().ToByteString(),
            Proposal = new SignedProposal { ProposalBytes = Google.Protobuf.ByteString.CopyFrom(0xff, 0xff) },
        });
        var reply = await h.Peer.ReceiveUnsolicitedAsync();

        Assert.Equal(ChaincodeMessage.Types.Type.Error, reply.Type);
        Assert.Equal("bad", reply.Txid);
        Assert.Contains("cannot decode transaction bad", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.False(ran);
    }

    [Fact]
    public async Task A_transaction_whose_payload_is_not_a_ChaincodeInput_is_answered_with_ERROR()
    {
        await using var h = await Harness.StartAsync(stub => Task.FromResult(Harness.Ok()));

        await h.Peer.SendRawAsync(new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Transaction,
            Txid = "garbage",
            ChannelId = "mychannel",
            Payload = Google.Protobuf.ByteString.CopyFrom(0x0a, 0xff, 0xff),
        });
        var reply = await h.Peer.ReceiveUnsolicitedAsync();
        var next = await h.InvokeAsync("ok");

        Assert.Equal(ChaincodeMessage.Types.Type.Error, reply.Type);
        Assert.Equal(200, next.Status);
    }
}
