using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class EventAndInvokeTests
{
    [Fact]
    public async Task SetEvent_keeps_the_last_event_and_sends_it_with_COMPLETED()
    {
        await using var h = await Harness.StartAsync(stub =>
        {
            stub.SetEvent("first", [1]);
            stub.SetEvent("second", [2]);
            return Task.FromResult(Harness.Ok());
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal("second", result.Event!.EventName);
        Assert.Equal(new byte[] { 2 }, result.Event.Payload.ToByteArray());
    }

    [Fact]
    public async Task SetEvent_rejects_an_empty_name()
    {
        await using var h = await Harness.StartAsync(stub =>
        {
            stub.SetEvent("", [1]);
            return Task.FromResult(Harness.Ok());
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(500, result.Status);
        Assert.Contains("event name must not be empty", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(result.Event);
    }

    [Fact]
    public async Task InvokeChaincode_sends_a_ChaincodeSpec_and_returns_the_called_chaincodes_response()
    {
        ChaincodeResponse? sameChannel = null;
        ChaincodeResponse? otherChannel = null;
        var options = new TestPeerOptions();
        options.OtherChaincodes["callee"] = (channel, input) => new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Completed,
            Payload = new Response { Status = 201, Message = "m", Payload = ByteString.CopyFromUtf8(channel + ":" + input.Args[0].ToStringUtf8()) }.ToByteString(),
        };
        await using var h = await Harness.StartAsync(async stub =>
        {
            sameChannel = await stub.InvokeChaincodeAsync("callee", [Encoding.UTF8.GetBytes("a")]);
            otherChannel = await stub.InvokeChaincodeAsync("callee", [Encoding.UTF8.GetBytes("b")], "ch2");
            return Harness.Ok();
        }, options);

        var result = await h.InvokeAsync("x");

        Assert.Equal(new ChaincodeResponse(201, "m", Encoding.UTF8.GetBytes("mychannel:a")).Payload, sameChannel!.Payload);
        Assert.Equal(201, sameChannel.Status);
        Assert.Equal("ch2:b", Encoding.UTF8.GetString(otherChannel!.Payload));
        Assert.Contains("cc->peer INVOKE_CHAINCODE chaincode=\"callee\" args=[\"a\"]", result.Transcript);
        Assert.Contains("cc->peer INVOKE_CHAINCODE chaincode=\"callee/ch2\" args=[\"b\"]", result.Transcript);
    }

    [Fact]
    public async Task InvokeChaincode_throws_when_the_called_chaincode_answers_ERROR()
    {
        PeerRequestException? caught = null;
        var options = new TestPeerOptions();
        options.OtherChaincodes["broken"] = (_, _) => new ChaincodeMessage { Type = ChaincodeMessage.Types.Type.Error, Payload = ByteString.CopyFromUtf8("callee crashed") };
        await using var h = await Harness.StartAsync(async stub =>
        {
            caught = await Assert.ThrowsAsync<PeerRequestException>(() => stub.InvokeChaincodeAsync("broken", []));
            await Assert.ThrowsAsync<ArgumentException>(() => stub.InvokeChaincodeAsync("a/b", []));
            return Harness.Ok();
        }, options);

        await h.InvokeAsync("x");

        Assert.Equal("callee crashed", caught!.Message);
        Assert.Equal("INVOKE_CHAINCODE", caught.RequestType);
    }
}
