using System.Text;

namespace FabricEvidence.Chaincode.Testing.Tests;

internal static class Support
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    public static async Task<List<T>> ToListAsync<T>(this IStateQueryIterator<T> iterator)
    {
        var items = new List<T>();
        await foreach (var item in iterator)
        {
            items.Add(item);
        }

        return items;
    }

    public static async Task<List<string>> KeysAsync(this IStateQueryIterator<KeyValue> iterator) =>
        (await iterator.ToListAsync()).Select(kv => kv.Key).ToList();

    /// <summary>Commits <paramref name="entries"/> as one transaction.</summary>
    public static void Seed(this InMemoryLedger ledger, params (string Key, string Value)[] entries) =>
        ledger.Seed(entries.Select(e => new KeyValue(e.Key, Bytes(e.Value))));
}
