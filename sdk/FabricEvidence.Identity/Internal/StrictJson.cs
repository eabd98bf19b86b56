using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>
/// JSON as credentials need it: duplicate member names refused (RFC 7515 section 5.2 and RFC 9901 leave a parser free
/// to pick either value, so a verifier and a holder could read different claims), bounded nesting, UTF-8 only.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses UTF-8 JSON; null when it is not well-formed, has duplicate names or nests too deep.</summary>
    public static JsonNode? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            // Decoding first refuses invalid UTF-8, which the reader would otherwise replace silently in strings.
            var text = StrictUtf8.GetString(utf8);
            return JsonNode.Parse(text, nodeOptions: null, DocumentOptions);
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    public static JsonObject? TryParseObject(ReadOnlySpan<byte> utf8) => TryParse(utf8) as JsonObject;

    /// <summary>Compact JSON text of a node (what goes into a JWS payload or a disclosure).</summary>
    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(WriterOptions);

    private static readonly JsonSerializerOptions WriterOptions = new()
    {
        WriteIndented = false,
        // Claim values are people's names and places: keep them readable (non-ASCII as UTF-8), escape only what JSON must.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Utf8(string text) => StrictUtf8.GetBytes(text);
}
