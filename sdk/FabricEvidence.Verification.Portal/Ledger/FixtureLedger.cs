using System.Text.Json;

namespace FabricEvidence.Verification.Portal;

/// <summary>
/// A ledger in process from blocks captured off a real network (<c>blocks/*.block</c>) and the item they record
/// (<c>item.json</c>: <c>itemId</c>, <c>transactionIds</c>, optionally <c>caseReference</c>).
/// </summary>
internal static class FixtureLedger
{
    public static (IBlockSource Blocks, IEvidenceItemSource Items) Load(string directory)
    {
        var blocks = new InMemoryBlockSource(Directory.GetFiles(Path.Combine(directory, "blocks"), "*.block").Order(StringComparer.Ordinal).Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f)));
        using var item = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "item.json")));
        var root = item.RootElement;
        var itemId = root.GetProperty("itemId").GetString() ?? throw new InvalidDataException($"{directory}/item.json has no itemId.");
        IReadOnlyList<string> transactions = [.. root.GetProperty("transactionIds").EnumerateArray().Select(t => t.GetString() ?? string.Empty)];
        var cases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("caseReference", out var caseReference) && caseReference.GetString() is { Length: > 0 } reference)
        {
            cases[reference] = [itemId];
        }

        return (blocks, new InMemoryEvidenceItemSource(new Dictionary<string, IReadOnlyList<string>> { [itemId] = transactions }, cases));
    }
}
