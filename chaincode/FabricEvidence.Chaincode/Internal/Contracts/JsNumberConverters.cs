using System.Text.Json;
using System.Text.Json.Serialization;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Floating-point and decimal JSON numbers written in ECMAScript notation (<see cref="JsNumberFormatter"/>), so a
/// document reads the same as the one a JavaScript, Go or Java contract writes for the same values. Reading is the
/// serializer's own strict reading: a JSON number token, nothing else.
/// </summary>
internal sealed class JsDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ExpectNumber(ref reader, "a number");
        var value = reader.GetDouble();
        return double.IsFinite(value) ? value : throw new JsonException("The number is out of the range of a double.");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteRawValue(Format(value), skipInputValidation: true);

    internal static void ExpectNumber(ref Utf8JsonReader reader, string expected)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected {expected} but found {reader.TokenType}.");
        }
    }

    private static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{value} has no JSON form: NaN and infinities cannot be written.", nameof(value));
        }

        return JsNumberFormatter.Format(value);
    }
}

/// <inheritdoc cref="JsDoubleConverter"/>
internal sealed class JsSingleConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsDoubleConverter.ExpectNumber(ref reader, "a number");
        var value = reader.GetSingle();
        return float.IsFinite(value) ? value : throw new JsonException("The number is out of the range of a float.");
    }

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"{value} has no JSON form: NaN and infinities cannot be written.", nameof(value));
        }

        writer.WriteRawValue(JsNumberFormatter.Format(value), skipInputValidation: true);
    }
}

/// <inheritdoc cref="JsDoubleConverter"/>
internal sealed class JsDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsDoubleConverter.ExpectNumber(ref reader, "a number");
        return reader.GetDecimal();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(JsNumberFormatter.Format(value), skipInputValidation: true);
}
