using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class WriteBatchTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static TestPeerOptions Batching(uint size) =>
        new() { ReadyParameters = new ChaincodeAdditionalParams { UseWriteBatch = true, MaxSizeWriteBatch = size } };

    private static List<string> Requests(TransactionResult result) =>
        result.Transcript.Where(l => l.StartsWith("cc->peer", StringComparison.Ordinal) && !l.StartsWith("cc->peer COMPLETED", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Buffered_writes_go_out_as_WRITE_BATCH_STATE_with_the_last_write_of_a_key_winning_in_first_write_order()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            await stub.PutStateAsync("b", U("1"));
            await stub.PutStateAsync("a", U("1"));
            await stub.DeleteStateAsync("b");
            await stub.SetStateValidationParameterAsync("a", [5]);
            await stub.PutPrivateDataAsync("coll", "a", U("p"));
            await stub.PurgePrivateDataAsync("coll", "z");
            await stub.FinishWriteBatchAsync();
            return Harness.Ok();
        }, Batching(1000));
        h.Ledger.Seed("b", "old");

        var result = await h.InvokeAsync("x");

        var request = Assert.Single(Requests(result));
        Assert.Equal(
            "cc->peer WRITE_BATCH_STATE records=[{DEL_STATE collection=\"\" key=\"b\" value=''},{PUT_STATE collection=\"\" key=\"a\" value=\"1\"}," +
            "{PUT_STATE_METADATA collection=\"\" key=\"a\" value='' metakey=\"VALIDATION_PARAMETER\" meta=0x05},{PUT_STATE collection=\"coll\" key=\"a\" value=\"p\"}," +
            "{PURGE_PRIVATE_DATA collection=\"coll\" key=\"z\" value=''}]",
            request);
        Assert.Null(h.Ledger.Get("b"));
        Assert.Equal("1", h.Ledger.GetString("a"));
        Assert.Equal(new byte[] { 5 }, h.Ledger.GetMetadata("a")["VALIDATION_PARAMETER"]);
    }

    [Fact]
    public async Task A_batch_is_split_into_chunks_of_the_advertised_size_raised_to_at_least_100()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            for (var i = 0; i < 250; i++)
            {
                await stub.PutStateAsync($"k{i:D3}", U("v"));
            }

            return Harness.Ok();
        }, Batching(5));

        var result = await h.InvokeAsync("x");

        var requests = Requests(result);
        Assert.Equal(3, requests.Count);
        Assert.Equal(new[] { 100, 100, 50 }, requests.Select(r => r.Split("{PUT_STATE").Length - 1));
        Assert.Equal(250, h.Ledger.Count());
    }

    [Fact]
    public async Task Unfinished_batches_are_flushed_before_COMPLETED_but_not_when_the_response_is_an_error()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            await stub.PutStateAsync("k", U(stub.FunctionName));
            return stub.FunctionName == "fail" ? ChaincodeResponse.Failure("no") : Harness.Ok();
        }, Batching(100));

        var ok = await h.InvokeAsync("ok");
        var failed = await h.InvokeAsync("fail");

        Assert.Equal("cc->peer WRITE_BATCH_STATE", string.Join(" ", Requests(ok).Single().Split(' ').Take(2)));
        Assert.Equal("cc->peer COMPLETED", string.Join(" ", ok.Transcript[^1].Split(' ').Take(2)));
        Assert.Empty(Requests(failed));
        Assert.Equal("ok", h.Ledger.GetString("k"));
    }

    [Fact]
    public async Task Writes_buffered_from_parallel_tasks_are_all_sent()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => stub.PutStateAsync($"p{i:D3}", U("v")))));
            return Harness.Ok();
        }, Batching(1000));

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.StartsWith("cc->peer WRITE_BATCH_STATE", Assert.Single(Requests(result)), StringComparison.Ordinal);
        Assert.Equal(500, h.Ledger.Count());
    }

    [Fact]
    public async Task Without_peer_support_StartWriteBatch_is_a_no_op_and_writes_go_one_by_one()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            await stub.PutStateAsync("a", U("1"));
            await stub.PutStateAsync("a", U("2"));
            await stub.FinishWriteBatchAsync();
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "cc->peer PUT_STATE collection=\"\" key=\"a\" value=\"1\"", "cc->peer PUT_STATE collection=\"\" key=\"a\" value=\"2\"" }, Requests(result));
    }

    [Fact]
    public async Task Writes_after_FinishWriteBatch_are_sent_immediately()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            stub.StartWriteBatch();
            await stub.PutStateAsync("a", U("1"));
            await stub.FinishWriteBatchAsync();
            await stub.PutStateAsync("b", U("2"));
            return Harness.Ok();
        }, Batching(100));

        var result = await h.InvokeAsync("x");

        var requests = Requests(result);
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("cc->peer WRITE_BATCH_STATE", requests[0], StringComparison.Ordinal);
        Assert.Equal("cc->peer PUT_STATE collection=\"\" key=\"b\" value=\"2\"", requests[1]);
    }
}
