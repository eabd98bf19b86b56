using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class QueryTests
{
    private static List<string> Requests(TransactionResult result) =>
        result.Transcript.Where(l => l.StartsWith("cc->peer", StringComparison.Ordinal) && !l.StartsWith("cc->peer COMPLETED", StringComparison.Ordinal)).ToList();

    private static void SeedKeys(InMemoryLedger ledger, int count, string prefix = "key", string collection = "")
    {
        for (var i = 0; i < count; i++)
        {
            ledger.Seed($"{prefix}{i:D3}", Encoding.UTF8.GetBytes($"v{i}"), collection);
        }
    }

    [Fact]
    public async Task A_range_of_250_records_is_read_in_three_batches_with_QUERY_STATE_NEXT_then_closed()
    {
        var keys = new List<string>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            await foreach (var kv in stub.GetStateByRange("", ""))
            {
                keys.Add(kv.Key);
            }

            return Harness.Ok();
        });
        SeedKeys(h.Ledger, 250);

        var result = await h.InvokeAsync("x");

        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"key{i:D3}"), keys);
        Assert.Equal(new[]
        {
            "cc->peer GET_STATE_BY_RANGE collection=\"\" start=\"\\u0001\" end=\"\" metadata={}",
            "cc->peer QUERY_STATE_NEXT id=#1",
            "cc->peer QUERY_STATE_NEXT id=#1",
            "cc->peer QUERY_STATE_CLOSE id=#1",
        }, Requests(result));
    }

    [Fact]
    public async Task Leaving_an_iterator_early_sends_QUERY_STATE_CLOSE_and_no_further_NEXT()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            var n = 0;
            await foreach (var kv in stub.GetStateByRange("key000", "key200"))
            {
                if (++n == 120)
                {
                    break;
                }
            }

            return Harness.Ok();
        });
        SeedKeys(h.Ledger, 250);

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[]
        {
            "cc->peer GET_STATE_BY_RANGE collection=\"\" start=\"key000\" end=\"key200\" metadata={}",
            "cc->peer QUERY_STATE_NEXT id=#1",
            "cc->peer QUERY_STATE_CLOSE id=#1",
        }, Requests(result));
    }

    [Fact]
    public async Task An_iterator_that_is_never_enumerated_sends_nothing_and_can_be_enumerated_only_once()
    {
        InvalidOperationException? second = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            await using (stub.GetStateByRange("a", "b"))
            {
            }

            var iterator = stub.GetHistoryForKey("k");
            await foreach (var _ in iterator)
            {
            }

            second = Assert.Throws<InvalidOperationException>(() => iterator.GetAsyncEnumerator());
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "cc->peer GET_HISTORY_FOR_KEY key=\"k\"", "cc->peer QUERY_STATE_CLOSE id=#1" }, Requests(result));
        Assert.Contains("only once", second!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paginated_range_sends_QueryMetadata_and_returns_the_page_with_its_bookmark()
    {
        StateQueryPage<KeyValue>? first = null;
        StateQueryPage<KeyValue>? second = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            first = await stub.GetStateByRangeWithPaginationAsync("", "", 40, "");
            second = await stub.GetStateByRangeWithPaginationAsync("", "", 40, first.Bookmark);
            return Harness.Ok();
        });
        SeedKeys(h.Ledger, 60);

        var result = await h.InvokeAsync("x");

        Assert.Equal(40, first!.Records.Count);
        Assert.Equal(40, first.FetchedRecordsCount);
        Assert.Equal("key040", first.Bookmark);
        Assert.Equal(20, second!.Records.Count);
        Assert.Equal("key040", second.Records[0].Key);
        Assert.Equal("", second.Bookmark);
        Assert.Equal(new[]
        {
            "cc->peer GET_STATE_BY_RANGE collection=\"\" start=\"\\u0001\" end=\"\" metadata={page_size=40 bookmark=\"\"}",
            "cc->peer GET_STATE_BY_RANGE collection=\"\" start=\"\\u0001\" end=\"\" metadata={page_size=40 bookmark=\"key040\"}",
        }, Requests(result));
    }

    [Fact]
    public async Task Pagination_rejects_a_page_size_that_is_not_positive()
    {
        ArgumentOutOfRangeException? caught = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            caught = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stub.GetQueryResultWithPaginationAsync("{\"selector\":{}}", 0, ""));
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.Equal("pageSize", caught!.ParamName);
        Assert.Empty(Requests(result));
    }

    [Fact]
    public async Task A_partial_composite_key_query_ranges_from_the_prefix_to_the_prefix_plus_U10FFFF()
    {
        var found = new List<string>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            await foreach (var kv in stub.GetStateByPartialCompositeKey("asset", ["red"]))
            {
                found.Add(string.Join("/", stub.SplitCompositeKey(kv.Key).Attributes));
            }

            return Harness.Ok();
        });
        h.Ledger.Seed("\0asset\0red\01\0", "a");
        h.Ledger.Seed("\0asset\0red\0\U0001F600\0", "b");
        h.Ledger.Seed("\0asset\0blue\01\0", "c");
        h.Ledger.Seed("\0asset\0redder\01\0", "d");
        h.Ledger.Seed("plain", "e");

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "red/1", "red/\U0001F600" }, found);
        Assert.Equal("cc->peer GET_STATE_BY_RANGE collection=\"\" start=\"\\u0000asset\\u0000red\\u0000\" end=\"\\u0000asset\\u0000red\\u0000\\udbff\\udfff\" metadata={}", Requests(result)[0]);
    }

    [Fact]
    public async Task A_paginated_partial_composite_key_query_returns_pages()
    {
        StateQueryPage<KeyValue>? page = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync("t", [], 2, "");
            return Harness.Ok();
        });
        h.Ledger.Seed("\0t\0a\0", "1");
        h.Ledger.Seed("\0t\0b\0", "2");
        h.Ledger.Seed("\0t\0c\0", "3");

        await h.InvokeAsync("x");

        Assert.Equal(new[] { "\0t\0a\0", "\0t\0b\0" }, page!.Records.Select(r => r.Key));
        Assert.Equal("\0t\0c\0", page.Bookmark);
    }

    [Fact]
    public async Task Rich_queries_send_the_query_text_and_return_matching_records()
    {
        var keys = new List<string>();
        StateQueryPage<KeyValue>? page = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            await foreach (var kv in stub.GetQueryResult("{\"selector\":{\"owner\":\"alice\"}}"))
            {
                keys.Add(kv.Key);
            }

            page = await stub.GetQueryResultWithPaginationAsync("{\"selector\":{\"owner\":\"alice\"}}", 1, "");
            return Harness.Ok();
        });
        h.Ledger.Seed("a", "{\"owner\":\"alice\"}");
        h.Ledger.Seed("b", "{\"owner\":\"bob\"}");
        h.Ledger.Seed("c", "{\"owner\":\"alice\"}");

        var result = await h.InvokeAsync("x");

        Assert.Equal(new[] { "a", "c" }, keys);
        Assert.Equal("a", Assert.Single(page!.Records).Key);
        Assert.Equal(1, page.FetchedRecordsCount);
        Assert.Equal("a", page.Bookmark);
        Assert.Equal("cc->peer GET_QUERY_RESULT collection=\"\" query=\"{\\u0022selector\\u0022:{\\u0022owner\\u0022:\\u0022alice\\u0022}}\" metadata={}", Requests(result)[0]);
    }

    [Fact]
    public async Task History_returns_key_modifications_with_txid_timestamp_and_delete_flag()
    {
        var history = new List<KeyModification>();
        await using var h = await Harness.StartAsync(async stub =>
        {
            if (stub.FunctionName == "write")
            {
                await stub.PutStateAsync("h", Encoding.UTF8.GetBytes("one"));
                return Harness.Ok();
            }

            if (stub.FunctionName == "delete")
            {
                await stub.DeleteStateAsync("h");
                return Harness.Ok();
            }

            await foreach (var m in stub.GetHistoryForKey("h"))
            {
                history.Add(m);
            }

            return Harness.Ok();
        });
        var write = await h.InvokeAsync("write");
        var delete = await h.InvokeAsync("delete");

        await h.InvokeAsync("read");

        Assert.Equal(2, history.Count);
        Assert.Equal(delete.TxId, history[0].TxId);
        Assert.True(history[0].IsDelete);
        Assert.Equal(write.TxId, history[1].TxId);
        Assert.False(history[1].IsDelete);
        Assert.Equal("one", Encoding.UTF8.GetString(history[1].Value));
        Assert.Equal(FabricTimestamp.FromDateTimeOffset(ProposalFactory.ClientTime), history[1].Timestamp);
    }

    [Fact]
    public async Task A_query_error_from_the_peer_surfaces_when_enumerating()
    {
        PeerRequestException? caught = null;
        await using var h = await Harness.StartAsync(async stub =>
        {
            caught = await Assert.ThrowsAsync<PeerRequestException>(async () =>
            {
                await foreach (var _ in stub.GetQueryResult("not json"))
                {
                }
            });
            return Harness.Ok();
        });

        var result = await h.InvokeAsync("x");

        Assert.StartsWith($"GET_QUERY_RESULT failed: transaction ID: {result.TxId}: invalid query", caught!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Transcript, l => l.Contains("QUERY_STATE_CLOSE", StringComparison.Ordinal));
    }
}
