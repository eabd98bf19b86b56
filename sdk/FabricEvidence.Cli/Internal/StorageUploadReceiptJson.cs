using System.Text.Json;

namespace FabricEvidence.Cli.Internal;

/// <summary>Reads the receipt the way ASP.NET Core writes it (camel case).</summary>
internal static class StorageUploadReceiptJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<StorageUploadReceipt> ReadFromJsonAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<StorageUploadReceipt>(text, Options)
                ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new StorageRefusedException(0, "bad-receipt", $"The storage service's receipt is not the expected JSON ({ex.Message}); is --storage-url the evidence storage service?");
        }
    }
}
