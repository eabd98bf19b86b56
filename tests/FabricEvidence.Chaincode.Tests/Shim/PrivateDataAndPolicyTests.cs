using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class PrivateDataAndPolicyTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> Requests(TransactionResult result) =>
        result.Transcript.Where(l => l.StartsWith("cc->peer", StringComparison.Ordinal) && !l.StartsWith("cc->peer COMPLETED", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Private_data_calls_carry_the_collection_on_every_request()
    {
        byte[]? value = null;
        byte[]? hash = null;
        var ranged = new List<string>();
        var partial = new List<string>();
        var queried = new List<string>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            await stub.PutPrivateDataAsync("coll", "k2", U("new"));
            value = await stub.GetPrivateDataAsync("coll", "k1");
            hash = await stub.GetPrivateDataHashAsync("coll", "k1");
            await stub.DeletePrivateDataAsync("coll", "k3");
            await stub.PurgePrivateDataAsync("coll", "k4");
            await foreach (var kv in stub.GetPrivateDataByRange("coll", "", ""))
            {
                ranged.Add(kv.Key);
            }

            await foreach (var kv in stub.GetPrivateDataByPartialCompositeKey("coll", "t", []))
            {
                partial.Add(kv.Key);
            }

            await foreach (var kv in stub.GetPrivateDataQueryResult("coll", "{\"selector\":{\"a\":1}}"))
            {
                queried.Add(kv.Key);
            }

            return Harness.Ok();
        });
        h.Ledger.Seed("k1", "secret", "coll");
        h.Ledger.Seed("k3", "x", "coll");
        h.Ledger.Seed("k4", "y", "coll");
        h.Ledger.Seed("\0t\0z\0", "{\"a\":1}", "coll");

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Equal("secret", Encoding.UTF8.GetString(value!));
        Assert.Equal(SHA256.HashData(U("secret")), hash);
        Assert.Equal(new[] { "k1", "k3", "k4" }, ranged);
        Assert.Equal(new[] { "\0t\0z\0" }, partial);
        Assert.Equal(new[] { "\0t\0z\0" }, queried);
        var requests = Requests(result);
        Assert.Equal("cc->peer PUT_STATE collection=\"coll\" key=\"k2\" value=\"new\"", requests[0]);
        Assert.Equal("cc->peer GET_STATE collection=\"coll\" key=\"k1\"", requests[1]);
        Assert.Equal("cc->peer GET_PRIVATE_DATA_HASH collection=\"coll\" key=\"k1\"", requests[2]);
        Assert.Equal("cc->peer DEL_STATE collection=\"coll\" key=\"k3\"", requests[3]);
        Assert.Equal("cc->peer PURGE_PRIVATE_DATA collection=\"coll\" key=\"k4\"", requests[4]);
        Assert.StartsWith("cc->peer GET_STATE_BY_RANGE collection=\"coll\" start=\"\\u0001\"", requests[5], StringComparison.Ordinal);
        Assert.Equal("new", h.Ledger.GetString("k2", "coll"));
        Assert.Null(h.Ledger.Get("k3", "coll"));
        Assert.Null(h.Ledger.Get("k4", "coll"));
    }

    [Fact]
    public async Task Private_data_inside_Init_is_refused_by_the_peer_with_its_message()
    {
        await using var h = await Harness.StartAsync(async stub => Harness.Ok(Encoding.UTF8.GetString(await stub.GetPrivateDataAsync("coll", "k") ?? [])));

        var result = await h.Peer.ExecuteAsync(new TransactionRequest("init") { IsInit = true });

        Assert.Equal(500, result.Status);
        Assert.Equal($"GET_STATE failed: transaction ID: {result.TxId}: private data APIs are not allowed in chaincode Init()", result.ErrorMessage);
        Assert.Contains(result.Transcript, l => l.StartsWith("peer->cc INIT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validation_parameters_use_the_VALIDATION_PARAMETER_metadata_key_public_and_private()
    {
        byte[]? publicPolicy = null;
        byte[]? privatePolicy = null;
        byte[]? none = [1];
        await using var h = await Harness.StartAsync(async stub =>
        {
            if (stub.FunctionName == "set")
            {
                await stub.SetStateValidationParameterAsync("k", [1, 2]);
                await stub.SetPrivateDataValidationParameterAsync("coll", "pk", [3]);
                return Harness.Ok();
            }

            publicPolicy = await stub.GetStateValidationParameterAsync("k");
            privatePolicy = await stub.GetPrivateDataValidationParameterAsync("coll", "pk");
            none = await stub.GetStateValidationParameterAsync("other");
            return Harness.Ok();
        });

        var set = await h.InvokeAsync("set");
        var get = await h.InvokeAsync("get");

        Assert.Equal(new[]
        {
            "cc->peer PUT_STATE_METADATA collection=\"\" key=\"k\" metakey=\"VALIDATION_PARAMETER\" value=0x0102",
            "cc->peer PUT_STATE_METADATA collection=\"coll\" key=\"pk\" metakey=\"VALIDATION_PARAMETER\" value=0x03",
        }, Requests(set));
        Assert.Equal("cc->peer GET_STATE_METADATA collection=\"\" key=\"k\"", Requests(get)[0]);
        Assert.Equal(new byte[] { 1, 2 }, publicPolicy);
        Assert.Equal(new byte[] { 3 }, privatePolicy);
        Assert.Null(none);
    }

    [Fact]
    public async Task Purge_without_the_V2_5_capability_fails_with_the_peers_message()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            await stub.PurgePrivateDataAsync("coll", "k");
            return Harness.Ok();
        }, new TestPeerOptions { PurgePrivateData = false });

        var result = await h.InvokeAsync("x");

        Assert.Equal(500, result.Status);
        Assert.EndsWith("purge private data is not enabled, channel application capability of V2_5 or later is required", result.ErrorMessage, StringComparison.Ordinal);
    }
}
