using FabricEvidence.Protocol.Peer;
using static FabricEvidence.Chaincode.Testing.Tests.Support;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class CommitValidationTests
{
    private readonly InMemoryLedger _ledger = new();

    [Fact]
    public async Task Second_of_two_transactions_that_read_and_wrote_the_same_key_fails_with_an_MVCC_conflict()
    {
        _ledger.Seed(("counter", "1"));
        var first = _ledger.CreateStub("f");
        var second = _ledger.CreateStub("f");
        await first.GetStateAsync("counter");
        await second.GetStateAsync("counter");
        await first.PutStateAsync("counter", Bytes("2"));
        await second.PutStateAsync("counter", Bytes("3"));

        var firstCode = first.Commit();
        var secondCode = second.Commit();

        Assert.Equal(TxValidationCode.Valid, firstCode);
        Assert.Equal(TxValidationCode.MvccReadConflict, secondCode);
        Assert.Equal("2", _ledger.GetStateText("counter"));
        Assert.Equal(TxValidationCode.MvccReadConflict, _ledger.Transactions[^1].ValidationCode);
    }

    [Fact]
    public async Task Reading_an_absent_key_conflicts_with_a_transaction_that_created_it()
    {
        var reader = _ledger.CreateStub("f");
        await reader.GetStateAsync("k");
        await reader.PutStateAsync("other", Bytes("x"));
        _ledger.Seed(("k", "v"));

        Assert.Equal(TxValidationCode.MvccReadConflict, reader.Commit());
        Assert.Null(_ledger.GetState("other"));
    }

    [Fact]
    public async Task Blind_writes_do_not_conflict()
    {
        var first = _ledger.CreateStub("f");
        var second = _ledger.CreateStub("f");
        await first.PutStateAsync("k", Bytes("1"));
        await second.PutStateAsync("k", Bytes("2"));

        Assert.Equal(TxValidationCode.Valid, first.Commit());
        Assert.Equal(TxValidationCode.Valid, second.Commit());
        Assert.Equal("2", _ledger.GetStateText("k"));
    }

    [Fact]
    public async Task Key_inserted_into_a_range_that_was_read_to_the_end_is_a_phantom_read()
    {
        _ledger.Seed(("a1", "x"), ("a3", "x"));
        var reader = _ledger.CreateStub("f");
        await reader.GetStateByRange("a", "b").ToListAsync();
        await reader.PutStateAsync("summary", Bytes("2"));
        _ledger.Seed(("a2", "x"));

        Assert.Equal(TxValidationCode.PhantomReadConflict, reader.Commit());
        Assert.Null(_ledger.GetState("summary"));
    }

    [Fact]
    public async Task Key_inserted_after_the_part_of_a_range_that_was_read_is_not_a_phantom()
    {
        _ledger.Seed(("a1", "x"), ("a3", "x"));
        var reader = _ledger.CreateStub("f");
        await foreach (var _ in reader.GetStateByRange("a", "b"))
        {
            break;
        }

        await reader.PutStateAsync("first", Bytes("a1"));
        _ledger.Seed(("a4", "x"));

        Assert.Equal(TxValidationCode.Valid, reader.Commit());
    }

    [Fact]
    public async Task Changed_value_inside_a_partial_composite_key_range_is_a_phantom_read()
    {
        var writer = _ledger.CreateStub("f");
        var key = writer.CreateCompositeKey("asset", ["1"]);
        await writer.PutStateAsync(key, Bytes("v1"));
        writer.Commit();
        var reader = _ledger.CreateStub("f");
        await reader.GetStateByPartialCompositeKey("asset", []).ToListAsync();
        await reader.PutStateAsync("count", Bytes("1"));
        var updater = _ledger.CreateStub("f");
        await updater.PutStateAsync(key, Bytes("v2"));
        updater.Commit();

        Assert.Equal(TxValidationCode.PhantomReadConflict, reader.Commit());
    }

    [Fact]
    public async Task Reused_transaction_id_is_rejected_as_a_duplicate()
    {
        var first = _ledger.CreateStub("f");
        var second = _ledger.CreateStub("f");
        second.TxId = first.TxId;
        await second.PutStateAsync("k", Bytes("v"));

        first.Commit();

        Assert.Equal(TxValidationCode.DuplicateTxid, second.Commit());
        Assert.Null(_ledger.GetState("k"));
    }

    [Fact]
    public async Task Committed_transactions_record_written_keys_event_and_creator()
    {
        var stub = _ledger.CreateStub("assets:Create", "a1");
        stub.Identity = TestIdentity.Create("Org2MSP");
        await stub.PutStateAsync("b", Bytes("1"));
        await stub.PutStateAsync("a", Bytes("1"));
        stub.SetEvent("Created", Bytes("a"));
        stub.Commit();

        var record = Assert.Single(_ledger.Transactions);

        Assert.Equal(stub.TxId, record.TxId);
        Assert.Equal(["a", "b"], record.WrittenKeys);
        Assert.Equal("Org2MSP", record.CreatorMspId);
        Assert.Equal("Created", record.Event!.Name);
        Assert.Equal(["assets:Create", "a1"], record.Args.Select(Text));
    }
}
