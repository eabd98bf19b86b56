using System.Text.Json;

namespace FabricEvidence.Verification.Tests;

/// <summary>The one-call export (item id → bundle) over the real fixture's blocks and an item table.</summary>
public sealed class ExporterTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12");

    [Fact]
    public async Task Exporting_a_known_item_gives_a_bundle_that_verifies_with_the_file()
    {
        var exporter = Exporter(out var itemId);

        var bundle = await exporter.ExportItemAsync(itemId);
        var result = await new BundleVerifier().VerifyAsync(bundle, File.OpenRead(Path.Combine(Fixture, "evidence-file.bin")));

        ResultAssert.Verified(result);
        Assert.Equal(itemId, result.Items.Single().ItemId);
        Assert.Equal(5, result.Transactions.Count);
    }

    [Fact]
    public async Task Exporting_a_case_puts_its_items_in_one_bundle()
    {
        var exporter = Exporter(out var itemId);

        var bundle = await exporter.ExportCaseAsync("CASE-1");

        Assert.Equal([itemId], bundle.Manifest.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task An_unknown_item_or_case_is_an_EvidenceItemNotFoundException_naming_it()
    {
        var exporter = Exporter(out _);

        var item = await Assert.ThrowsAsync<EvidenceItemNotFoundException>(() => exporter.ExportItemAsync("EV-NOPE"));
        var @case = await Assert.ThrowsAsync<EvidenceItemNotFoundException>(() => exporter.ExportCaseAsync("CASE-NOPE"));

        Assert.Equal("EV-NOPE", item.Id);
        Assert.Contains("EV-NOPE", item.Message, StringComparison.Ordinal);
        Assert.Equal("CASE-NOPE", @case.Id);
    }

    private static EvidenceBundleExporter Exporter(out string itemId)
    {
        using var item = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixture, "item.json")));
        itemId = item.RootElement.GetProperty("itemId").GetString()!;
        var transactions = item.RootElement.GetProperty("transactionIds").EnumerateArray().Select(t => t.GetString()!).ToList();
        var blocks = new InMemoryBlockSource(Directory.GetFiles(Path.Combine(Fixture, "blocks"), "*.block").Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f)));
        var items = new InMemoryEvidenceItemSource(
            new Dictionary<string, IReadOnlyList<string>> { [itemId] = transactions },
            new Dictionary<string, IReadOnlyList<string>> { ["CASE-1"] = [itemId] });
        return new EvidenceBundleExporter(blocks, items);
    }
}
