using static FabricEvidence.Chaincode.Testing.Tests.Support;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class RichQueryTests
{
    private readonly InMemoryLedger _ledger = new();

    public RichQueryTests()
    {
        _ledger.Seed(
            ("e1", """{"type":"evidence","case":"C1","size":10,"holder":{"org":"Police"},"tags":["photo","raw"]}"""),
            ("e2", """{"type":"evidence","case":"C1","size":25,"holder":{"org":"Court"},"tags":["video"]}"""),
            ("e3", """{"type":"evidence","case":"C2","size":5,"holder":{"org":"Police"}}"""),
            ("n1", """{"type":"note","case":"C1"}"""),
            ("raw", "not json"),
            ("arr", "[1,2,3]"));
    }

    private async Task<List<string>> QueryAsync(string query) =>
        await _ledger.CreateStub("q").GetQueryResult(query).KeysAsync();

    [Theory]
    [InlineData("""{"selector":{"type":"evidence"}}""", new[] { "e1", "e2", "e3" })]
    [InlineData("""{"selector":{"type":"evidence","case":"C1"}}""", new[] { "e1", "e2" })]
    [InlineData("""{"selector":{"case":{"$eq":"C2"}}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"case":{"$ne":"C1"}}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"size":{"$gt":5,"$lt":25}}}""", new[] { "e1" })]
    [InlineData("""{"selector":{"size":{"$gte":5,"$lte":25}}}""", new[] { "e1", "e2", "e3" })]
    [InlineData("""{"selector":{"case":{"$in":["C2","C9"]}}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"type":"evidence","case":{"$nin":["C1"]}}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"$and":[{"type":"evidence"},{"holder.org":"Police"}]}}""", new[] { "e1", "e3" })]
    [InlineData("""{"selector":{"$or":[{"case":"C2"},{"type":"note"}]}}""", new[] { "e3", "n1" })]
    [InlineData("""{"selector":{"$nor":[{"case":"C1"}]}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"$not":{"type":"evidence"}}}""", new[] { "n1" })]
    [InlineData("""{"selector":{"holder":{"org":"Court"}}}""", new[] { "e2" })]
    [InlineData("""{"selector":{"tags":{"$exists":true}}}""", new[] { "e1", "e2" })]
    [InlineData("""{"selector":{"tags":{"$exists":false},"type":"evidence"}}""", new[] { "e3" })]
    [InlineData("""{"selector":{"tags":{"$size":2}}}""", new[] { "e1" })]
    [InlineData("""{"selector":{"tags":{"$all":["raw","photo"]}}}""", new[] { "e1" })]
    [InlineData("""{"selector":{"size":{"$type":"number"}}}""", new[] { "e1", "e2", "e3" })]
    [InlineData("""{"selector":{"size":{"$gt":"a"}}}""", new string[0])]
    [InlineData("""{"selector":{"case":{"$gt":5}}}""", new[] { "e1", "e2", "e3", "n1" })]
    [InlineData("""{"selector":{}}""", new[] { "e1", "e2", "e3", "n1" })]
    public async Task Selector_operators_match_like_CouchDB(string query, string[] expected) =>
        Assert.Equal(expected, await QueryAsync(query));

    [Fact]
    public async Task Sort_limit_and_skip_apply_in_that_order()
    {
        Assert.Equal(["e2", "e1", "e3"], await QueryAsync("""{"selector":{"type":"evidence"},"sort":[{"size":"desc"}]}"""));
        Assert.Equal(["e3", "e1"], await QueryAsync("""{"selector":{"type":"evidence"},"sort":["size"],"limit":2}"""));
        Assert.Equal(["e1", "e2"], await QueryAsync("""{"selector":{"type":"evidence"},"sort":[{"size":"asc"}],"skip":1,"use_index":["_design/i","size"]}"""));
    }

    [Fact]
    public async Task Documents_without_the_sort_field_are_left_out_as_CouchDB_indexes_would()
    {
        Assert.Equal(["e3", "e1", "e2"], await QueryAsync("""{"selector":{"case":{"$exists":true}},"sort":["size"]}"""));
    }

    [Theory]
    [InlineData("""{"selector":{"case":{"$regex":"C"}}}""", "$regex")]
    [InlineData("""{"selector":{},"fields":["case"]}""", "fields")]
    [InlineData("""{"selector":{"$where":"1"}}""", "$where")]
    public void Unsupported_query_features_are_refused_by_name(string query, string name)
    {
        var error = Assert.Throws<NotSupportedException>(() => _ledger.CreateStub("q").GetQueryResult(query));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "\"selector\"")]
    [InlineData("""{"sort":[]}""", "needs a \"selector\"")]
    [InlineData("""{"selector":{"a":{"$in":"x"}}}""", "\"$in\" takes an array")]
    [InlineData("""{"selector":{},"sort":[{"a":"asc"},{"b":"desc"}]}""", "same direction")]
    [InlineData("""{"selector":{},"limit":-1}""", "non-negative integer")]
    [InlineData("""{"selector":{"a":{"$eq":1,"b":2}}}""", "mixes operators and field names")]
    public void Malformed_queries_are_rejected_with_a_reason(string query, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => _ledger.CreateStub("q").GetQueryResult(query));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paginated_rich_query_continues_from_the_bookmark()
    {
        var stub = _ledger.CreateStub("q");
        const string query = """{"selector":{"type":"evidence"},"sort":[{"size":"desc"}]}""";

        var first = await stub.GetQueryResultWithPaginationAsync(query, 2, "");
        var second = await stub.GetQueryResultWithPaginationAsync(query, 2, first.Bookmark);

        Assert.Equal(["e2", "e1"], first.Records.Select(r => r.Key));
        Assert.Equal("e3", first.Bookmark);
        Assert.Equal(["e3"], second.Records.Select(r => r.Key));
        Assert.Equal(string.Empty, second.Bookmark);
        await Assert.ThrowsAsync<ArgumentException>(() => stub.GetQueryResultWithPaginationAsync(query, 2, "n1"));
    }

    [Fact]
    public async Task Rich_query_reads_committed_state_only()
    {
        var stub = _ledger.CreateStub("q");
        await stub.PutStateAsync("e4", Bytes("""{"type":"evidence"}"""));

        Assert.DoesNotContain("e4", await stub.GetQueryResult("""{"selector":{"type":"evidence"}}""").KeysAsync());
    }
}
