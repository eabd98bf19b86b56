using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>Converts one transaction argument from its wire bytes, or one result to its wire bytes, for a CLR type.</summary>
internal sealed class ValueCodec
{
    private ValueCodec(Type type, string expected, Func<byte[], object?> parse, Func<object, byte[]> format)
    {
        Type = type;
        Expected = expected;
        ParseCore = parse;
        FormatCore = format;
    }

    public Type Type { get; }

    /// <summary>What a valid argument looks like, for error messages ("an Int32 in invariant-culture text").</summary>
    public string Expected { get; }

    private Func<byte[], object?> ParseCore { get; }

    private Func<object, byte[]> FormatCore { get; }

    /// <summary>Converts an argument; throws <see cref="FormatException"/> saying why it is not valid.</summary>
    public object? Parse(byte[] argument) => ParseCore(argument);

    /// <summary>Converts a result; <see langword="null"/> becomes an empty payload.</summary>
    public byte[] Format(object? value) => value is null ? [] : FormatCore(value);

    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The codec for <paramref name="type"/>, or an exception explaining why the type cannot be a transaction argument or result.</summary>
    public static ValueCodec For(Type type)
    {
        if (type == typeof(string))
        {
            return new(type, "UTF-8 text", Text, FormatString);
        }

        if (type == typeof(byte[]))
        {
            return new(type, "bytes", bytes => bytes, value => (byte[])value);
        }

        if (type == typeof(bool))
        {
            return new(type, "'true' or 'false'", bytes => ParseBoolean(bytes), value => Ascii((bool)value ? "true" : "false"));
        }

        if (type == typeof(int)) { return Integer<int>(); }
        if (type == typeof(long)) { return Integer<long>(); }
        if (type == typeof(short)) { return Integer<short>(); }
        if (type == typeof(byte)) { return Integer<byte>(); }
        if (type == typeof(sbyte)) { return Integer<sbyte>(); }
        if (type == typeof(ushort)) { return Integer<ushort>(); }
        if (type == typeof(uint)) { return Integer<uint>(); }
        if (type == typeof(ulong)) { return Integer<ulong>(); }
        if (type == typeof(double)) { return FloatingPoint<double>(); }
        if (type == typeof(float)) { return FloatingPoint<float>(); }

        if (type == typeof(decimal))
        {
            return new(type, "a decimal number in invariant-culture text", bytes => ParseDecimal(bytes), value => Ascii(JsNumberFormatter.Format((decimal)value)));
        }

        if (type == typeof(DateTimeOffset))
        {
            return new(type, "an ISO 8601 date and time with an offset, such as 2024-05-01T12:00:00Z", bytes => ParseDateTimeOffset(bytes), value => Ascii(FormatDateTimeOffset((DateTimeOffset)value)));
        }

        if (type == typeof(FabricTimestamp))
        {
            return new(type, "an RFC 3339 timestamp such as 2024-05-01T12:00:00.123456789Z", bytes => ParseTimestamp(bytes), value => Ascii(((FabricTimestamp)value).ToString()));
        }

        if (type == typeof(Guid))
        {
            return new(type, "a GUID such as 00000000-0000-0000-0000-000000000000", bytes => ParseGuid(bytes), value => Ascii(((Guid)value).ToString("D")));
        }

        if (type.IsEnum)
        {
            SchemaBuilder.EnsureSupportedEnum(type);
            var names = Enum.GetNames(type);
            return new(type, "one of " + string.Join(", ", names), bytes => ParseEnum(type, names, bytes), value => FormatEnum(type, value));
        }

        return new(type, $"JSON for {ChaincodeJsonOptions.Describe(type)}", bytes => ParseJson(type, bytes), value => JsonSerializer.SerializeToUtf8Bytes(value, type, ChaincodeJsonOptions.Instance));
    }

    private static ValueCodec Integer<T>()
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var expected = FormattableString.Invariant($"an integer from {T.MinValue} to {T.MaxValue}");
        return new(typeof(T), expected, bytes =>
        {
            var text = Text(bytes);
            return T.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out var value) ? value : throw Mismatch(text);
        },
            value => Ascii(((T)value).ToString(null, CultureInfo.InvariantCulture)));
    }

    private static ValueCodec FloatingPoint<T>()
        where T : struct, IFloatingPointIeee754<T>
    {
        return new(typeof(T), "a finite number in invariant-culture text", bytes =>
        {
            var text = Text(bytes);
            if (T.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out var value) && T.IsFinite(value))
            {
                return value;
            }

            throw Mismatch(text);
        },
        value =>
        {
            var number = (T)value;
            if (!T.IsFinite(number))
            {
                throw new InvalidOperationException($"The transaction returned the non-finite number {number.ToString(null, CultureInfo.InvariantCulture)}, which has no portable text form.");
            }

            return Ascii(number switch
            {
                double d => JsNumberFormatter.Format(d),
                float f => JsNumberFormatter.Format(f),
                _ => number.ToString(null, CultureInfo.InvariantCulture),
            });
        });
    }

    private static bool ParseBoolean(byte[] bytes)
    {
        var text = Text(bytes);
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw Mismatch(text);
    }

    private static decimal ParseDecimal(byte[] bytes)
    {
        var text = Text(bytes);
        return decimal.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out var value) ? value : throw Mismatch(text);
    }

    private static readonly string[] DateTimeOffsetFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    private static DateTimeOffset ParseDateTimeOffset(byte[] bytes)
    {
        // An offset is required: a time without one would be read in the machine's time zone, which differs between peers.
        var text = Text(bytes);
        if (DateTimeOffset.TryParseExact(text, DateTimeOffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        throw Mismatch(text);
    }

    public static string FormatDateTimeOffset(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static FabricTimestamp ParseTimestamp(byte[] bytes)
    {
        var text = Text(bytes);
        return FabricTimestamp.TryParse(text, out var value) ? value : throw Mismatch(text);
    }

    private static Guid ParseGuid(byte[] bytes)
    {
        var text = Text(bytes);
        return Guid.TryParseExact(text, "D", out var value) ? value : throw Mismatch(text);
    }

    private static object ParseEnum(Type type, string[] names, byte[] bytes)
    {
        var text = Text(bytes);
        if (Array.IndexOf(names, text) < 0)
        {
            throw Mismatch(text);
        }

        return Enum.Parse(type, text, ignoreCase: false);
    }

    private static byte[] FormatEnum(Type type, object value) =>
        Ascii(Enum.GetName(type, value) ?? throw new InvalidOperationException($"The transaction returned {value}, which is not a named value of {type.Name}."));

    private static object ParseJson(Type type, byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type, ChaincodeJsonOptions.Instance)
                ?? throw new ArgumentMismatchException("the JSON is null.", got: null);
        }
        catch (JsonException ex)
        {
            throw new ArgumentMismatchException(ex.Message, got: null, ex);
        }
    }

    private static string Text(byte[] bytes)
    {
        try
        {
            return KeyRules.DecodeUtf8(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArgumentMismatchException("the bytes are not valid UTF-8.", got: null, ex);
        }
    }

    private static ArgumentMismatchException Mismatch(string got) => new(detail: null, got);

    private static byte[] FormatString(object value)
    {
        try
        {
            return KeyRules.EncodeUtf8((string)value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new InvalidOperationException("The transaction returned a string with a lone surrogate, which has no UTF-8 form.", ex);
        }
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}

/// <summary>An argument that does not convert: either what was given (<see cref="Got"/>) or why (<see cref="Exception.Message"/>).</summary>
internal sealed class ArgumentMismatchException : FormatException
{
    public ArgumentMismatchException(string? detail, string? got, Exception? innerException = null)
        : base(detail ?? string.Empty, innerException)
    {
        Detail = detail;
        Got = got;
    }

    public string? Detail { get; }

    public string? Got { get; }

    /// <summary>The text for an error message: quoted, control characters escaped, cut after 64 characters.</summary>
    public static string Quote(string text)
    {
        const int MaxShown = 64;
        var builder = new StringBuilder("'");
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            _ = char.IsControl(c) ? builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)) : builder.Append(c);
        }

        return builder.Append(text.Length > MaxShown ? "'…" : "'").ToString();
    }
}
