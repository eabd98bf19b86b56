using FabricEvidence.Protocol.Peer;
using static FabricEvidence.Chaincode.Testing.Tests.Support;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class StateTests
{
    private readonly InMemoryLedger _ledger = new();

    [Fact]
    public async Task Writes_are_not_visible_to_reads_of_the_same_transaction()
    {
        _ledger.Seed(("k", "old"));
        var stub = _ledger.CreateStub("f");

        await stub.PutStateAsync("k", Bytes("new"));
        await stub.PutStateAsync("fresh", Bytes("v"));

        Assert.Equal("old", Text(await stub.GetStateAsync("k")));
        Assert.Null(await stub.GetStateAsync("fresh"));
    }

    [Fact]
    public async Task Writes_reach_the_ledger_only_when_committed()
    {
        var committed = _ledger.CreateStub("f");
        var discarded = _ledger.CreateStub("f");
        var abandoned = _ledger.CreateStub("f");

        await committed.PutStateAsync("a", Bytes("1"));
        await discarded.PutStateAsync("b", Bytes("2"));
        await abandoned.PutStateAsync("c", Bytes("3"));
        var code = committed.Commit();
        discarded.Discard();

        Assert.Equal(TxValidationCode.Valid, code);
        Assert.Equal("1", _ledger.GetStateText("a"));
        Assert.Null(_ledger.GetState("b"));
        Assert.Null(_ledger.GetState("c"));
        Assert.Single(_ledger.Transactions);
    }

    [Fact]
    public async Task Last_write_of_a_key_wins_and_an_empty_value_deletes()
    {
        _ledger.Seed(("gone", "x"));
        var stub = _ledger.CreateStub("f");

        await stub.PutStateAsync("k", Bytes("1"));
        await stub.PutStateAsync("k", Bytes("2"));
        await stub.PutStateAsync("gone", []);
        stub.Commit();

        Assert.Equal("2", _ledger.GetStateText("k"));
        Assert.Null(_ledger.GetState("gone"));
    }

    [Fact]
    public async Task Values_are_copied_in_and_out()
    {
        var value = Bytes("abc");
        var stub = _ledger.CreateStub("f");
        await stub.PutStateAsync("k", value);
        value[0] = (byte)'X';
        stub.Commit();

        var read = await _ledger.CreateStub("g").GetStateAsync("k");
        read![1] = (byte)'Y';

        Assert.Equal("abc", _ledger.GetStateText("k"));
    }

    [Fact]
    public async Task Completed_stub_refuses_further_calls()
    {
        var stub = _ledger.CreateStub("f");
        stub.Commit();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", Bytes("v")));

        Assert.Contains("has completed; its stub cannot be used", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => stub.Commit());
    }

    [Fact]
    public async Task Invalid_keys_are_rejected_before_anything_is_recorded()
    {
        var stub = _ledger.CreateStub("f");
        var lone = "k" + (char)0xDFFF;

        await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync("", Bytes("v")));
        await Assert.ThrowsAsync<ArgumentException>(() => stub.PutStateAsync(lone, Bytes("v")));
        await Assert.ThrowsAsync<ArgumentException>(() => stub.GetStateAsync(lone));
        await Assert.ThrowsAsync<ArgumentNullException>(() => stub.PutStateAsync("k", null!));
        Assert.Empty(stub.WrittenKeys);
    }

    [Fact]
    public async Task Keys_with_U0000_inside_are_ordinary_keys()
    {
        var stub = _ledger.CreateStub("f");

        await stub.PutStateAsync("a\u0000b", Bytes("v"));
        stub.Commit();

        Assert.Equal("v", _ledger.GetStateText("a\u0000b"));
    }

    [Fact]
    public async Task Range_query_returns_keys_in_UTF8_byte_order_with_an_exclusive_end()
    {
        _ledger.Seed(("b", "1"), ("a", "1"), ("\uFFFD", "1"), ("\U0001F600", "1"), ("c", "1"), ("Z", "1"));
        var stub = _ledger.CreateStub("f");

        var all = await stub.GetStateByRange("", "").KeysAsync();
        var some = await stub.GetStateByRange("a", "c").KeysAsync();

        Assert.Equal(["Z", "a", "b", "c", "\uFFFD", "\U0001F600"], all);
        Assert.Equal(["a", "b"], some);
    }

    [Fact]
    public async Task Range_query_with_an_open_start_skips_composite_keys()
    {
        var writer = _ledger.CreateStub("f");
        await writer.PutStateAsync(writer.CreateCompositeKey("asset", ["1"]), Bytes("c"));
        await writer.PutStateAsync("simple", Bytes("s"));
        writer.Commit();

        var keys = await _ledger.CreateStub("g").GetStateByRange("", "").KeysAsync();

        Assert.Equal(["simple"], keys);
        Assert.Equal(2, _ledger.GetAllState().Count);
    }

    [Fact]
    public void Range_query_bounds_that_are_composite_keys_are_rejected()
    {
        var stub = _ledger.CreateStub("f");

        Assert.Throws<ArgumentException>(() => stub.GetStateByRange("\u0000asset\u0000", ""));
        Assert.Throws<ArgumentException>(() => stub.GetStateByRange("", "\u0000"));
    }

    [Fact]
    public async Task Partial_composite_key_query_matches_leading_attributes()
    {
        var writer = _ledger.CreateStub("f");
        foreach (var (owner, id) in new[] { ("alice", "2"), ("bob", "1"), ("alice", "1"), ("alicea", "9") })
        {
            await writer.PutStateAsync(writer.CreateCompositeKey("owner~asset", [owner, id]), Bytes(id));
        }

        await writer.PutStateAsync(writer.CreateCompositeKey("other", ["alice", "1"]), Bytes("x"));
        writer.Commit();
        var stub = _ledger.CreateStub("g");

        var alice = (await stub.GetStateByPartialCompositeKey("owner~asset", ["alice"]).ToListAsync())
            .Select(kv => stub.SplitCompositeKey(kv.Key).Attributes[1]).ToList();
        var everyone = await stub.GetStateByPartialCompositeKey("owner~asset", []).KeysAsync();

        Assert.Equal(["1", "2"], alice);
        Assert.Equal(4, everyone.Count);
    }

    [Fact]
    public async Task Paginated_range_query_pages_with_bookmarks_that_start_the_next_page()
    {
        _ledger.Seed(("k1", "1"), ("k2", "2"), ("k3", "3"), ("k4", "4"), ("k5", "5"));
        var stub = _ledger.CreateStub("f");

        var first = await stub.GetStateByRangeWithPaginationAsync("", "", 2, "");
        var second = await stub.GetStateByRangeWithPaginationAsync("", "", 2, first.Bookmark);
        var third = await stub.GetStateByRangeWithPaginationAsync("", "", 2, second.Bookmark);

        Assert.Equal(["k1", "k2"], first.Records.Select(r => r.Key));
        Assert.Equal(("k3", 2), (first.Bookmark, first.FetchedRecordsCount));
        Assert.Equal(["k3", "k4"], second.Records.Select(r => r.Key));
        Assert.Equal("k5", second.Bookmark);
        Assert.Equal(["k5"], third.Records.Select(r => r.Key));
        Assert.Equal(string.Empty, third.Bookmark);
    }

    [Fact]
    public async Task Paginated_composite_key_query_pages_within_the_prefix()
    {
        var writer = _ledger.CreateStub("f");
        for (var i = 1; i <= 3; i++)
        {
            await writer.PutStateAsync(writer.CreateCompositeKey("case", ["c1", $"e{i}"]), Bytes("x"));
        }

        await writer.PutStateAsync(writer.CreateCompositeKey("case", ["c2", "e1"]), Bytes("x"));
        writer.Commit();
        var stub = _ledger.CreateStub("g");

        var first = await stub.GetStateByPartialCompositeKeyWithPaginationAsync("case", ["c1"], 2, "");
        var second = await stub.GetStateByPartialCompositeKeyWithPaginationAsync("case", ["c1"], 2, first.Bookmark);

        Assert.Equal(2, first.Records.Count);
        Assert.Equal(stub.CreateCompositeKey("case", ["c1", "e3"]), first.Bookmark);
        Assert.Equal([stub.CreateCompositeKey("case", ["c1", "e3"])], second.Records.Select(r => r.Key));
        Assert.Equal(string.Empty, second.Bookmark);
    }

    [Fact]
    public async Task Page_size_must_be_positive()
    {
        var stub = _ledger.CreateStub("f");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stub.GetStateByRangeWithPaginationAsync("", "", 0, ""));
    }

    [Fact]
    public async Task Write_after_a_paginated_query_is_refused_as_on_Fabric()
    {
        var stub = _ledger.CreateStub("f");
        await stub.GetStateByRangeWithPaginationAsync("", "", 10, "");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => stub.PutStateAsync("k", Bytes("v")));

        Assert.Contains("paginated queries only in read-only transactions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paginated_query_after_a_write_is_refused_as_on_Fabric()
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutStateAsync("k", Bytes("v"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.GetQueryResultWithPaginationAsync("{\"selector\":{}}", 10, ""));
    }

    [Fact]
    public async Task History_lists_committed_changes_newest_first_with_tx_ids_and_timestamps()
    {
        var first = _ledger.CreateStub("f");
        await first.PutStateAsync("k", Bytes("v1"));
        first.Commit();
        var second = _ledger.CreateStub("f");
        await second.PutStateAsync("k", Bytes("v2"));
        second.Commit();
        var third = _ledger.CreateStub("f");
        await third.DeleteStateAsync("k");
        third.Commit();
        var failed = _ledger.CreateStub("f");
        await failed.PutStateAsync("k", Bytes("never"));
        failed.Discard();

        var history = await _ledger.CreateStub("h").GetHistoryForKey("k").ToListAsync();

        Assert.Equal([third.TxId, second.TxId, first.TxId], history.Select(h => h.TxId));
        Assert.Equal([true, false, false], history.Select(h => h.IsDelete));
        Assert.Equal(["", "v2", "v1"], history.Select(h => Text(h.Value)));
        Assert.Equal([third.TxTimestamp, second.TxTimestamp, first.TxTimestamp], history.Select(h => h.Timestamp));
    }

    [Fact]
    public void Transaction_ids_and_timestamps_are_deterministic_per_ledger()
    {
        var other = new InMemoryLedger();

        var a = _ledger.CreateStub("f");
        var b = _ledger.CreateStub("f");
        var c = other.CreateStub("f");

        Assert.Equal(a.TxId, c.TxId);
        Assert.Matches("^[0-9a-f]{64}$", a.TxId);
        Assert.NotEqual(a.TxId, b.TxId);
        Assert.Equal("2024-01-01T00:00:00.000000000Z", a.TxTimestamp.ToString());
        Assert.Equal(a.TxTimestamp.Add(TimeSpan.FromSeconds(1)), b.TxTimestamp);
    }

    [Fact]
    public void Clock_channel_and_peer_can_be_set()
    {
        _ledger.Clock = FabricTimestamp.Parse("2030-06-01T08:00:00.000000001+02:00");
        _ledger.ClockStep = TimeSpan.FromMinutes(5);
        _ledger.ChannelId = "evidence";
        _ledger.PeerMspId = "CourtMSP";

        var first = _ledger.CreateStub("f");
        var second = _ledger.CreateStub("f");

        Assert.Equal("2030-06-01T06:05:00.000000001Z", second.TxTimestamp.ToString());
        Assert.Equal(("evidence", "CourtMSP"), (first.ChannelId, first.MspId));
    }

    [Fact]
    public void Arguments_are_exposed_as_bytes_strings_function_and_parameters()
    {
        var stub = _ledger.CreateStub("assets:Create", "a1", "é");

        Assert.Equal("assets:Create", stub.FunctionName);
        Assert.Equal(["a1", "é"], stub.Parameters);
        Assert.Equal(3, stub.Args.Count);
        Assert.Equal(Bytes("é"), stub.Args[2]);
        Assert.Equal(["assets:Create", "a1", "é"], stub.StringArgs);
    }

    [Fact]
    public void Binding_is_SHA256_of_nonce_creator_and_epoch_and_changes_with_the_creator()
    {
        var stub = _ledger.CreateStub("f");
        var other = _ledger.CreateStub("f");
        var before = stub.Binding;

        Assert.Equal(32, before.Length);
        Assert.Equal(before, stub.Binding);
        Assert.NotEqual(before, other.Binding);
        stub.Identity = TestIdentity.Create("Org2MSP");
        Assert.NotEqual(before, stub.Binding);
    }

    [Fact]
    public async Task Multiple_states_are_read_in_the_order_asked()
    {
        _ledger.Seed(("a", "1"), ("b", "2"));
        var stub = _ledger.CreateStub("f");

        var values = await stub.GetMultipleStatesAsync(["b", "missing", "a"]);

        Assert.Equal(["2", "<null>", "1"], values.Select(Text));
    }

    [Fact]
    public async Task Chaincode_to_chaincode_calls_go_to_the_configured_invoker()
    {
        var stub = _ledger.CreateStub("f");
        var unconfigured = await Assert.ThrowsAsync<InvalidOperationException>(() => stub.InvokeChaincodeAsync("other", [Bytes("x")]));
        stub.ChaincodeInvoker = (name, args, channel, _) => Task.FromResult(ChaincodeResponse.Success(Bytes($"{name}/{channel}/{Text(args[0])}")));

        var response = await stub.InvokeChaincodeAsync("other", [Bytes("x")], "ch2");

        Assert.Contains("no other chaincode is available", unconfigured.Message, StringComparison.Ordinal);
        Assert.Equal("other/ch2/x", Text(response.Payload));
    }

    [Fact]
    public async Task Iterator_closed_by_break_cannot_be_enumerated_again()
    {
        _ledger.Seed(("a", "1"), ("b", "2"));
        var iterator = _ledger.CreateStub("f").GetStateByRange("", "");

        await foreach (var _ in iterator)
        {
            break;
        }

        Assert.Throws<ObjectDisposedException>(() => iterator.GetAsyncEnumerator());
    }
}
