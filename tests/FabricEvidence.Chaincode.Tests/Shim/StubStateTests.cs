using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class StubStateTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> Requests(TransactionResult result) =>
        result.Transcript.Where(l => l.StartsWith("cc->peer", StringComparison.Ordinal) && !l.StartsWith("cc->peer COMPLETED", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task GetState_returns_the_committed_value_and_null_for_a_missing_key()
    {
        byte[]? present = null;
        byte[]? missing = [1];
        await using var h = await Harness.StartAsync(async stub =>
        {
            present = await stub.GetStateAsync("k1");
            missing = await stub.GetStateAsync("nope");
            return Harness.Ok();
        });
        h.Ledger.Seed("k1", "v1");

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Equal("v1", Encoding.UTF8.GetString(present!));
        Assert.Null(missing);
        Assert.Equal(new[] { "cc->peer GET_STATE collection=\"\" key=\"k1\"", "cc->peer GET_STATE collection=\"\" key=\"nope\"" }, Requests(result));
    }

    [Fact]
    public async Task PutState_and_DeleteState_send_one_request_each_and_the_peer_commits_them()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            await stub.PutStateAsync("a", U("1"));
            await stub.DeleteStateAsync("b");
            return Harness.Ok();
        });
        h.Ledger.Seed("b", "old");

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "cc->peer PUT_STATE collection=\"\" key=\"a\" value=\"1\"", "cc->peer DEL_STATE collection=\"\" key=\"b\"" }, Requests(result));
        Assert.Equal("1", h.Ledger.GetString("a"));
        Assert.Null(h.Ledger.Get("b"));
    }

    [Fact]
    public async Task Composite_keys_can_be_written_and_read_with_the_single_key_calls()
    {
        string? key = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            key = stub.CreateCompositeKey("asset", ["red", "1"]);
            await stub.PutStateAsync(key, U("v"));
            return Harness.Ok(Encoding.UTF8.GetString(await stub.GetStateAsync(key) ?? []));
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Equal("\0asset\0red\01\0", key);
        Assert.Equal("v", h.Ledger.GetString(key!));
    }

    [Fact]
    public async Task GetMultipleStates_uses_GET_STATE_MULTIPLE_in_chunks_of_the_advertised_size_raised_to_100()
    {
        IReadOnlyList<byte[]?>? values = null;
        var keys = Enumerable.Range(0, 250).Select(i => $"m{i:D3}").ToList();
        var options = new TestPeerOptions { ReadyParameters = new ChaincodeAdditionalParams { UseGetMultipleKeys = true, MaxSizeGetMultipleKeys = 10 } };
        await using var h = await Harness.StartAsync(async stub =>
        {
            values = await stub.GetMultipleStatesAsync(keys);
            return Harness.Ok();
        }, options);
        h.Ledger.Seed("m001", "one");
        h.Ledger.Seed("m249", "last");

        var result = await h.InvokeAsync("x");

        var requests = Requests(result);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.StartsWith("cc->peer GET_STATE_MULTIPLE collection=\"\"", r, StringComparison.Ordinal));
        Assert.Contains("\"m000\"", requests[0], StringComparison.Ordinal);
        Assert.Contains("\"m099\"", requests[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\"m100\"", requests[0], StringComparison.Ordinal);
        Assert.Contains("\"m200\"", requests[2], StringComparison.Ordinal);
        Assert.Equal(250, values!.Count);
        Assert.Equal("one", Encoding.UTF8.GetString(values[1]!));
        Assert.Equal("last", Encoding.UTF8.GetString(values[249]!));
        Assert.Null(values[0]);
    }

    [Fact]
    public async Task GetMultipleStates_falls_back_to_one_GET_STATE_per_key_on_peers_without_support()
    {
        IReadOnlyList<byte[]?>? values = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            values = await stub.GetMultiplePrivateDataAsync("coll", ["a", "b"]);
            return Harness.Ok();
        });
        h.Ledger.Seed("b", "B", "coll");

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "cc->peer GET_STATE collection=\"coll\" key=\"a\"", "cc->peer GET_STATE collection=\"coll\" key=\"b\"" }, Requests(result));
        Assert.Null(values![0]);
        Assert.Equal("B", Encoding.UTF8.GetString(values[1]!));
    }

    [Fact]
    public async Task A_peer_ERROR_reply_surfaces_as_PeerRequestException_with_the_peers_message()
    {
        PeerRequestException? caught = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            caught = await Assert.ThrowsAsync<PeerRequestException>(() => stub.GetStateValidationParameterAsync("k"));
            return Harness.Ok();
        }, new TestPeerOptions { KeyLevelEndorsement = false });

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Equal("GET_STATE_METADATA", caught!.RequestType);
        Assert.Equal(result.TxId, caught.TxId);
        Assert.Equal("mychannel", caught.ChannelId);
        Assert.Equal($"GET_STATE_METADATA failed: transaction ID: {result.TxId}: key level endorsement is not enabled, channel application capability of V1_3 or later is required", caught.Message);
    }

    [Fact]
    public async Task The_stub_cannot_be_used_after_the_transaction_completed()
    {
        IChaincodeStub? kept = null;
        await using var h = await Harness.StartAsync(stub =>
        {
            kept = stub;
            return Task.FromResult(Harness.Ok());
        });
        await h.InvokeAsync("x");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => kept!.GetStateAsync("k"));

        Assert.Contains("has completed", ex.Message, StringComparison.Ordinal);
    }
}
