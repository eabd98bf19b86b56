using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Chaincode.Tests.Shim;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.Tests.Server;

public class HandshakeTests
{
    private static readonly LambdaChaincode Echo = new(stub => Task.FromResult(Harness.Ok(stub.FunctionName)));

    private static ChaincodeMessage Transaction(string txId, string function = "ping") => new()
    {
        Type = MessageType.Transaction,
        Txid = txId,
        ChannelId = "mychannel",
        Payload = new ChaincodeInput { Args = { ByteString.CopyFromUtf8(function) } }.ToByteString(),
    };

    [Fact]
    public async Task The_chaincode_speaks_first_with_REGISTER_carrying_the_configured_package_id()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical);
        await using var stream = PeerStream.Open(server.Address);

        var register = await stream.ReceiveAsync();

        Assert.Equal(MessageType.Register, register!.Type);
        Assert.Equal(ReferenceServers.ChaincodeId, ChaincodeID.Parser.ParseFrom(register.Payload).Name);
        Assert.Equal("", register.Txid);
    }

    [Fact]
    public async Task A_peer_that_rejects_the_registration_gets_the_stream_ended_and_the_server_keeps_serving()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical);

        await Assert.ThrowsAsync<RegistrationRejectedException>(() => TestPeer.ConnectAsync(server.Address, new TestPeerOptions { ExpectedChaincodeId = "other:abc" }));
        await using var raw = PeerStream.Open(server.Address);
        await raw.ReceiveAsync();
        await raw.SendAsync(new ChaincodeMessage { Type = MessageType.Error, Payload = ByteString.CopyFromUtf8("peer will not accept external chaincode connection") });
        var afterRejection = await raw.ReceiveAsync();
        await using var good = await TestPeer.ConnectAsync(server.Address, new TestPeerOptions { ExpectedChaincodeId = ReferenceServers.ChaincodeId });
        var result = await good.InvokeAsync("still-serving");

        Assert.Null(afterRejection);
        Assert.Equal("still-serving", result.Payload);
    }

    [Fact]
    public async Task Messages_out_of_turn_during_the_handshake_get_ERROR_replies_and_the_handshake_still_completes()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical);
        await using var raw = PeerStream.Open(server.Address);
        await raw.ReceiveAsync();

        await raw.SendAsync(Transaction("early"));
        var inCreated = await raw.ReceiveAsync();
        await raw.SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
        await raw.SendAsync(Transaction("still-early"));
        var inEstablished = await raw.ReceiveAsync();
        await raw.SendAsync(new ChaincodeMessage { Type = MessageType.Ready });
        await raw.SendAsync(Transaction("tx1"));
        var completed = await raw.ReceiveAsync();

        Assert.Equal(MessageType.Error, inCreated!.Type);
        Assert.Equal("early", inCreated.Txid);
        Assert.Contains("TRANSACTION while in state created", inCreated.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Contains("while in state established", inEstablished!.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal(MessageType.Completed, completed!.Type);
        Assert.Equal("tx1", completed.Txid);
    }

    [Fact]
    public async Task KEEPALIVE_is_echoed_before_and_after_the_handshake()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical);
        await using (var raw = PeerStream.Open(server.Address))
        {
            await raw.ReceiveAsync();
            await raw.SendAsync(new ChaincodeMessage { Type = MessageType.Keepalive });
            Assert.Equal(MessageType.Keepalive, (await raw.ReceiveAsync())!.Type);
        }

        await using var peer = await TestPeer.ConnectAsync(server.Address);
        await peer.SendRawAsync(new ChaincodeMessage { Type = MessageType.Keepalive, Txid = "ka" });

        var echo = await peer.ReceiveUnsolicitedAsync();

        Assert.Equal(MessageType.Keepalive, echo.Type);
        Assert.Equal("ka", echo.Txid);
    }

    [Fact]
    public async Task Unexpected_messages_in_ready_state_get_an_ERROR_reply_and_stray_replies_are_ignored()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical);
        await using var peer = await TestPeer.ConnectAsync(server.Address);

        await peer.SendRawAsync(new ChaincodeMessage { Type = MessageType.GetState, Txid = "odd", ChannelId = "mychannel" });
        var error = await peer.ReceiveUnsolicitedAsync();
        await peer.SendRawAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "nobody", ChannelId = "mychannel" });
        await peer.SendRawAsync(new ChaincodeMessage { Type = MessageType.Registered });
        var secondError = await peer.ReceiveUnsolicitedAsync();
        await peer.SendRawAsync(new ChaincodeMessage { Type = MessageType.Keepalive });
        var echo = await peer.ReceiveUnsolicitedAsync();
        var result = await peer.InvokeAsync("fine");

        Assert.Equal(MessageType.Error, error.Type);
        Assert.Equal("odd", error.Txid);
        Assert.Contains("GET_STATE while in state ready", error.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Contains("REGISTERED while in state ready", secondError.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal(MessageType.Keepalive, echo.Type);
        Assert.Equal("fine", result.Payload);
    }

    [Fact]
    public async Task A_second_TRANSACTION_with_the_id_of_a_running_one_is_refused()
    {
        var gate = new TaskCompletionSource();
        var chaincode = new LambdaChaincode(async stub =>
        {
            await gate.Task;
            return Harness.Ok("first");
        });
        await using var server = await ReferenceServers.StartDotnetAsync(chaincode, logLevel: LogLevel.Critical);
        await using var peer = await TestPeer.ConnectAsync(server.Address);

        var first = peer.ExecuteAsync(new TransactionRequest("x") { TxId = "dup", IncludeProposal = false });
        await peer.SendRawAsync(Transaction("dup"));
        var refused = await first;
        gate.SetResult();
        var late = await peer.ReceiveUnsolicitedAsync();

        Assert.Equal(MessageType.Error, refused.Message.Type);
        Assert.Contains("already executing", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(MessageType.Completed, late.Type);
        Assert.Equal("dup", late.Txid);
    }
}
