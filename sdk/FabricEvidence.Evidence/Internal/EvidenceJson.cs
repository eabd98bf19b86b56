using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence.Internal;

/// <summary>The contract's JSON (camelCase, enum names, RFC 3339 timestamps with nine digits) to the client's records.</summary>
internal static class EvidenceJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static T Read<T>(byte[] json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("the result is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The evidence contract returned {what} the client cannot read ({ex.Message}); is the chaincode the evidence contract of a compatible version?", ex);
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Newer contract versions may add members; an older client keeps reading what it knows.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new TimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A protobuf <see cref="Timestamp"/> from and to the contract's RFC 3339 text, exactly (nanoseconds kept).</summary>
    private sealed class TimestampConverter : JsonConverter<Timestamp>
    {
        public override Timestamp Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("A timestamp is null.");
            try
            {
                return JsonParser.Default.Parse<Timestamp>(JsonSerializer.Serialize(text));
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new JsonException($"'{text}' is not an RFC 3339 timestamp.", ex);
            }
        }

        public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }

    /// <summary>RFC 3339 in UTC with nine fractional digits, as the contract writes it.</summary>
    public static string Format(Timestamp value)
    {
        var whole = DateTimeOffset.FromUnixTimeSeconds(value.Seconds);
        return new StringBuilder(30)
            .Append(whole.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Append('.')
            .Append(value.Nanos.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))
            .Append('Z')
            .ToString();
    }
}
