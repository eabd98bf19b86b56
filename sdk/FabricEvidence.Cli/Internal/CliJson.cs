using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Cli.Internal;

/// <summary>The tool's <c>--json</c> form: camel case, states as names, timestamps as RFC 3339 UTC with nanoseconds.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new TimestampConverter() },
    };

    public static JsonSerializerOptions Lines { get; } = new(Options) { WriteIndented = false };

    public static string Time(Timestamp timestamp)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds).UtcDateTime;
        return time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + timestamp.Nanos.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    private sealed class TimestampConverter : JsonConverter<Timestamp>
    {
        public override Timestamp Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) =>
            Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture));

        public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options) => writer.WriteStringValue(Time(value));
    }
}
