using System.Text.Json;
using System.Text.Json.Serialization;

namespace FabricEvidence.Evidence.Storage.Internal;

/// <summary>What the file-system store records beside an upload in progress.</summary>
internal sealed record UploadRecord(string Key, long Length, string DigestAlgorithm, string Version, DateTimeOffset StartedAt);

/// <summary>What the file-system store records beside a committed object.</summary>
internal sealed record ObjectRecord(string Key, string Version, long Length, string DigestAlgorithm, string Digest, DateTimeOffset CreatedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(UploadRecord))]
[JsonSerializable(typeof(ObjectRecord))]
internal sealed partial class StoreJson : JsonSerializerContext
{
    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), Default);

    public static T Read<T>(string path)
    {
        try
        {
            return (T?)JsonSerializer.Deserialize(File.ReadAllBytes(path), typeof(T), Default)
                ?? throw new ObjectStoreException(null, $"The store's record '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new ObjectStoreException(null, $"The store's record '{path}' is not valid; it was changed behind the store's back.", ex);
        }
    }
}
