using System.Security.Cryptography;
using FabricEvidence.Protocol.Peer;
using static FabricEvidence.Chaincode.Testing.Tests.Support;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class PrivateDataTests
{
    private const string Collection = "caseDetails";
    private readonly InMemoryLedger _ledger = new();

    private async Task PutAsync(string key, string value)
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutPrivateDataAsync(Collection, key, Bytes(value));
        Assert.Equal(TxValidationCode.Valid, stub.Commit());
    }

    [Fact]
    public async Task Private_data_is_readable_after_commit_and_its_hash_is_SHA256()
    {
        await PutAsync("p1", "secret");
        var stub = _ledger.CreateStub("g");

        Assert.Equal("secret", Text(await stub.GetPrivateDataAsync(Collection, "p1")));
        Assert.Equal(SHA256.HashData(Bytes("secret")), await stub.GetPrivateDataHashAsync(Collection, "p1"));
        Assert.Null(await stub.GetPrivateDataAsync("otherCollection", "p1"));
        Assert.Null(await stub.GetPrivateDataHashAsync(Collection, "missing"));
    }

    [Fact]
    public async Task The_shared_ledger_records_only_hashes_of_private_writes()
    {
        await PutAsync("p1", "secret");

        var write = Assert.Single(Assert.Single(_ledger.Transactions).PrivateWrites);

        Assert.Equal(Collection, write.Collection);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Bytes("p1"))), write.KeyHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Bytes("secret"))), write.ValueHash);
        Assert.False(write.IsPurge);
        Assert.Empty(Assert.Single(_ledger.Transactions).WrittenKeys);
    }

    [Fact]
    public async Task Delete_and_purge_remove_the_value_and_its_hash()
    {
        await PutAsync("p1", "a");
        await PutAsync("p2", "b");
        var stub = _ledger.CreateStub("f");
        await stub.DeletePrivateDataAsync(Collection, "p1");
        await stub.PurgePrivateDataAsync(Collection, "p2");
        stub.Commit();

        Assert.Null(_ledger.GetPrivateData(Collection, "p1"));
        Assert.Null(_ledger.GetPrivateDataHash(Collection, "p2"));
        Assert.Equal([false, true], _ledger.Transactions[^1].PrivateWrites.Select(w => w.IsPurge));
        Assert.All(_ledger.Transactions[^1].PrivateWrites, w => Assert.Null(w.ValueHash));
    }

    [Fact]
    public async Task Private_range_partial_key_and_rich_queries_read_the_collection()
    {
        await PutAsync("a", "{\"n\":1}");
        await PutAsync("b", "{\"n\":2}");
        var writer = _ledger.CreateStub("f");
        await writer.PutPrivateDataAsync(Collection, writer.CreateCompositeKey("t", ["x"]), Bytes("{\"n\":3}"));
        writer.Commit();
        var stub = _ledger.CreateStub("g");

        Assert.Equal(["a", "b"], await stub.GetPrivateDataByRange(Collection, "", "").KeysAsync());
        Assert.Single(await stub.GetPrivateDataByPartialCompositeKey(Collection, "t", []).ToListAsync());
        Assert.Equal(["b"], (await stub.GetPrivateDataQueryResult(Collection, "{\"selector\":{\"n\":{\"$eq\":2}}}").ToListAsync()).Select(kv => kv.Key));
    }

    [Fact]
    public async Task Write_after_a_private_data_query_is_refused_as_on_Fabric()
    {
        var stub = _ledger.CreateStub("f");
        await stub.GetPrivateDataByRange(Collection, "", "").ToListAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", Bytes("v")));

        Assert.Contains("query on private data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_data_query_after_a_write_is_refused_as_on_Fabric()
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));

        Assert.Throws<InvalidOperationException>(() => stub.GetPrivateDataQueryResult(Collection, "{\"selector\":{}}"));
    }

    [Fact]
    public async Task Private_data_is_unavailable_during_Init()
    {
        var stub = _ledger.CreateStub("f");
        stub.IsInit = true;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stub.GetPrivateDataAsync(Collection, "k"));

        Assert.Contains("during Init", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutPrivateDataAsync(Collection, "k", Bytes("v")));
    }

    [Fact]
    public async Task Empty_collection_name_is_rejected()
    {
        var stub = _ledger.CreateStub("f");

        await Assert.ThrowsAsync<ArgumentException>(() => stub.GetPrivateDataAsync("", "k"));
    }

    [Fact]
    public async Task Private_reads_are_checked_for_conflicts_at_commit()
    {
        await PutAsync("p", "1");
        var reader = _ledger.CreateStub("f");
        await reader.GetPrivateDataHashAsync(Collection, "p");
        await reader.PutStateAsync("derived", Bytes("x"));
        await PutAsync("p", "2");

        Assert.Equal(TxValidationCode.MvccReadConflict, reader.Commit());
    }

    [Fact]
    public async Task Transient_data_is_readable_and_never_stored()
    {
        var stub = _ledger.CreateStub("f");
        stub.Transient = new Dictionary<string, byte[]> { ["secret"] = Bytes("s3cr3t") };

        await stub.PutPrivateDataAsync(Collection, "k", stub.Transient["secret"]);
        stub.Commit();

        Assert.Equal("s3cr3t", Text(_ledger.GetPrivateData(Collection, "k")));
        Assert.DoesNotContain(_ledger.Transactions[^1].Args, a => Text(a).Contains("s3cr3t", StringComparison.Ordinal));
    }
}
