namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>What endorsing peers rely on: the same transactions give the same bytes, and the contract describes itself.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task The_same_transactions_write_the_same_bytes_and_events_on_two_ledgers()
    {
        await using var first = new Ledger();
        await using var second = new Ledger();

        var a = await Scenario.RunAsync(first);
        var b = await Scenario.RunAsync(second);

        Assert.Equal(first.Snapshot(), second.Snapshot());
        Assert.Equal(a.Select(r => r.PayloadText), b.Select(r => r.PayloadText));
        Assert.Equal(
            first.State.Transactions.Select(t => t.Event is { } e ? e.Name + Ledger.Utf8(e.Payload) : string.Empty),
            second.State.Transactions.Select(t => t.Event is { } e ? e.Name + Ledger.Utf8(e.Payload) : string.Empty));
    }

    [Fact]
    public async Task The_metadata_publishes_every_transaction_with_its_intent()
    {
        await using var ledger = new Ledger();

        var metadata = await ledger.Host.GetMetadataAsync();

        using var document = System.Text.Json.JsonDocument.Parse(metadata);
        var transactions = document.RootElement.GetProperty("contracts").GetProperty(EvidenceContract.ContractName).GetProperty("transactions")
            .EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("tag").EnumerateArray().Select(x => x.GetString()).ToList());
        Assert.Equal(32, transactions.Count);
        Assert.Contains("SUBMIT", transactions["ConfirmStorage"]);
        Assert.Contains("EVALUATE", transactions["GetHistory"]);
        Assert.Contains("EvidenceRecord", metadata, StringComparison.Ordinal);
    }
}
