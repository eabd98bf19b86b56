using System.Text.Json;
using FabricEvidence.Verification;

namespace FabricEvidence.Cli.Tests;

/// <summary>
/// A bundle built from the committed blocks of a real Fabric 2.5.12 network (the verification tests' fixture), written
/// as a zip with the item's real file beside it, as <c>evidence bundle export</c> leaves them for a court.
/// </summary>
internal sealed record RealBundle(string ItemId, string ZipPath, string FilePath)
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12");

    public static async Task<RealBundle> WriteAsync(string directory)
    {
        var blocks = Directory.GetFiles(Path.Combine(Fixture, "blocks"), "*.block").Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f));
        using var item = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixture, "item.json")));
        var itemId = item.RootElement.GetProperty("itemId").GetString()!;
        var bundle = await new EvidenceBundleBuilder(new InMemoryBlockSource(blocks)).BuildAsync(new BundleRequest
        {
            Chaincode = item.RootElement.GetProperty("chaincode").GetString()!,
            Items = [new BundleItemRequest { ItemId = itemId, TransactionIds = [.. item.RootElement.GetProperty("transactionIds").EnumerateArray().Select(t => t.GetString()!)] }],
        });

        var folder = Path.Combine(directory, "bundle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var zip = Path.Combine(folder, itemId + ".bundle.zip");
        await bundle.WriteToFileAsync(zip);
        var file = Path.Combine(folder, "evidence-file.bin");
        File.Copy(Path.Combine(Fixture, "evidence-file.bin"), file);
        return new RealBundle(itemId, zip, file);
    }

    public string FileOption => $"{ItemId}={FilePath}";
}
