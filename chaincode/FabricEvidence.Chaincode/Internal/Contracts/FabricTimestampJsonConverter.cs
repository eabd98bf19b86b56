using System.Text.Json;
using System.Text.Json.Serialization;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>Writes a <see cref="FabricTimestamp"/> as its RFC 3339 string and reads any form <see cref="FabricTimestamp.Parse(string)"/> accepts.</summary>
internal sealed class FabricTimestampJsonConverter : JsonConverter<FabricTimestamp>
{
    public override FabricTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A timestamp must be a JSON string such as \"2024-05-01T12:00:00.123456789Z\", not {reader.TokenType}.");
        }

        var text = reader.GetString();
        return FabricTimestamp.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 timestamp such as 2024-05-01T12:00:00.123456789Z.");
    }

    public override void Write(Utf8JsonWriter writer, FabricTimestamp value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[30];
        value.TryFormat(text, out var written);
        writer.WriteStringValue(text[..written]);
    }
}
