using System.Buffers;
using System.Text.Json;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// RFC 8785, the JSON Canonicalization Scheme: object members sorted by the UTF-16 code units of their names at every
/// level, no whitespace, strings with <c>JSON.stringify</c>'s escapes, numbers as ECMAScript writes IEEE 754 doubles.
/// Two organisations that canonicalize the same data get the same bytes, so they can hash or sign them.
/// </summary>
internal static class JsonCanonicalizer
{
    private static readonly JsonDocumentOptions StrictDocument = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    private static readonly JsonWriterOptions Writer = new() { Encoder = MinimalJsonEncoder.Instance, Indented = false, SkipValidation = false };

    /// <exception cref="JsonException">The input is not JSON, has a duplicate member name, or a number outside the double range.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var bytes = utf8Json.ToArray();
        using var document = JsonDocument.Parse(bytes, StrictDocument);
        var buffer = new ArrayBufferWriter<byte>(bytes.Length);
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            Write(writer, document.RootElement);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var members = element.EnumerateObject().ToList();
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var member in members)
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                // RFC 8785 reads every number as an IEEE 754 double, as ECMAScript would.
                if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new JsonException($"The number {element.GetRawText()} is outside the range of an IEEE 754 double, which RFC 8785 requires.");
                }

                writer.WriteRawValue(JsNumberFormatter.Format(number), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
