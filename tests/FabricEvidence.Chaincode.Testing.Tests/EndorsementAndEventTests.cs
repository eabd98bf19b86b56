using static FabricEvidence.Chaincode.Testing.Tests.Support;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class EndorsementAndEventTests
{
    private readonly InMemoryLedger _ledger = new();

    [Fact]
    public async Task Key_level_endorsement_policy_is_stored_with_the_key_and_read_back_after_commit()
    {
        byte[] policy = [0x08, 0x01, 0x12, 0x02];
        var stub = _ledger.CreateStub("f");
        await stub.PutStateAsync("asset", Bytes("v"));
        await stub.SetStateValidationParameterAsync("asset", policy);

        Assert.Null(await stub.GetStateValidationParameterAsync("asset"));
        stub.Commit();

        Assert.Equal(policy, await _ledger.CreateStub("g").GetStateValidationParameterAsync("asset"));
        Assert.Equal(policy, _ledger.GetStateValidationParameter("asset"));
    }

    [Fact]
    public async Task Policy_survives_value_updates_and_is_dropped_when_the_key_is_deleted()
    {
        _ledger.Seed(("asset", "v1"));
        var setter = _ledger.CreateStub("f");
        await setter.SetStateValidationParameterAsync("asset", [1]);
        setter.Commit();
        _ledger.Seed(("asset", "v2"));

        Assert.Equal([1], _ledger.GetStateValidationParameter("asset"));

        var deleter = _ledger.CreateStub("f");
        await deleter.DeleteStateAsync("asset");
        deleter.Commit();

        Assert.Null(_ledger.GetStateValidationParameter("asset"));
    }

    [Fact]
    public async Task Policy_for_a_key_that_does_not_exist_is_not_kept()
    {
        var stub = _ledger.CreateStub("f");
        await stub.SetStateValidationParameterAsync("ghost", [1]);
        stub.Commit();

        Assert.Null(_ledger.GetStateValidationParameter("ghost"));
    }

    [Fact]
    public async Task Private_key_policy_is_kept_per_collection()
    {
        var stub = _ledger.CreateStub("f");
        await stub.PutPrivateDataAsync("c1", "k", Bytes("v"));
        await stub.SetPrivateDataValidationParameterAsync("c1", "k", [7]);
        stub.Commit();

        Assert.Equal([7], await _ledger.CreateStub("g").GetPrivateDataValidationParameterAsync("c1", "k"));
        Assert.Null(_ledger.GetPrivateDataValidationParameter("c2", "k"));
    }

    [Fact]
    public void Last_event_of_a_transaction_wins()
    {
        var stub = _ledger.CreateStub("f");

        stub.SetEvent("First", Bytes("1"));
        stub.SetEvent("Second", Bytes("2"));

        Assert.Equal("Second", stub.Event!.Name);
        Assert.Equal("2", Text(stub.Event.Payload));
    }

    [Fact]
    public void Event_needs_a_name()
    {
        var stub = _ledger.CreateStub("f");

        var ex = Assert.Throws<ArgumentException>(() => stub.SetEvent("", Bytes("1")));

        // The runtime's stub refuses with the same words (KeyRules is shared by both).
        Assert.StartsWith("The event name must not be empty.", ex.Message, StringComparison.Ordinal);
        Assert.Null(stub.Event);
    }

    [Fact]
    public void Event_after_the_transaction_ends_is_refused_with_the_runtimes_message()
    {
        var stub = _ledger.CreateStub("f");
        stub.Commit();

        var ex = Assert.Throws<InvalidOperationException>(() => stub.SetEvent("Late", Bytes("1")));

        Assert.Equal($"Transaction {stub.TxId} has completed; its stub cannot be used after InvokeAsync or InitAsync returns (do not keep the stub or its iterators).", ex.Message);
    }
}
