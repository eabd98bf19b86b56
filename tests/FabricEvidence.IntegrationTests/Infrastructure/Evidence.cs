using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FabricEvidence.IntegrationTests;

/// <summary>Inputs for the sample contract and readers of its JSON results.</summary>
internal static class Evidence
{
    /// <summary>An id no other test (or earlier run on a reused network) has used: the ledger outlives a test.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 1 + 20, 64)];

    /// <summary>The lowercase hex SHA-256 the contract expects as a digest.</summary>
    public static string Digest(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static byte[] Sha256(byte[] data) => SHA256.HashData(data);

    /// <summary>Private details as the contract reads them from the transient field <c>details</c>.</summary>
    public static byte[] PrivateDetails(string seizedFrom, string location) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { seizedFrom, location }));

    public static JsonElement Json(byte[] result)
    {
        using var document = JsonDocument.Parse(result);
        return document.RootElement.Clone();
    }

    public static string Text(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null in {element}");
}
