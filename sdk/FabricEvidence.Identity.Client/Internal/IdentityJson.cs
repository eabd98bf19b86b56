using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FabricEvidence.Identity.Client.Internal;

/// <summary>The contract's JSON (camelCase, enum names, RFC 3339 timestamps with nine digits) to and from the client's records.</summary>
internal static class IdentityJson
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
            throw new InvalidDataException($"The identity contract returned {what} the client cannot read ({ex.Message}); is the chaincode the identity contract of a compatible version?", ex);
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>RFC 3339 in UTC with nine fractional digits, as the contract reads and writes it.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Newer contract versions may add members; an older client keeps reading what it knows.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new TimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// The contract's timestamps carry nanoseconds; <see cref="DateTimeOffset"/> keeps 100 ns, which is finer than any
    /// clock a transaction's time comes from, so the last two digits are dropped on reading.
    /// </summary>
    private sealed class TimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("A timestamp is null.");
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var zone = text.IndexOfAny(['Z', 'z', '+', '-'], Math.Max(dot, 19));
            var trimmed = dot > 0 && zone > dot + 8 ? text[..(dot + 8)] + text[zone..] : text;
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value.ToUniversalTime()
                : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Time(value));
    }
}
