using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>Builds the one <see cref="JsonSerializerOptions"/> instance behind <see cref="ChaincodeJson"/>.</summary>
internal static class ChaincodeJsonOptions
{
    public static readonly JsonSerializerOptions Instance = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ApplyPropertyAttributesAndSort } },
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = MinimalJsonEncoder.Instance,
            WriteIndented = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new OrderedDictionaryConverterFactory());
        options.Converters.Add(new JsDoubleConverter());
        options.Converters.Add(new JsSingleConverter());
        options.Converters.Add(new JsDecimalConverter());
        options.Converters.Add(new UnorderedSetRejectingConverterFactory());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The <see cref="PropertyAttribute"/> of a serialized property, if any.</summary>
    public static PropertyAttribute? GetPropertyAttribute(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(PropertyAttribute), inherit: true).OfType<PropertyAttribute>().FirstOrDefault();

    // Reflection does not promise declaration order, so properties are put in ordinal order of their JSON names.
    private static void ApplyPropertyAttributesAndSort(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            var attribute = GetPropertyAttribute(property);
            if (attribute is null)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(attribute.Name))
            {
                property.Name = attribute.Name;
            }

            if (attribute.Required)
            {
                property.IsRequired = true;
            }
        }

        var ordered = typeInfo.Properties.OrderBy(p => p.Name, Utf8OrdinalComparer.Instance).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
        }
    }

    /// <summary>Whether <paramref name="type"/> is a string-keyed dictionary this serializer supports; returns its value type.</summary>
    public static bool TryGetDictionaryValueType(Type type, out Type valueType)
    {
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if ((definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
                && arguments[0] == typeof(string))
            {
                valueType = arguments[1];
                return true;
            }
        }

        valueType = typeof(void);
        return false;
    }

    /// <summary>Whether <paramref name="type"/> is a set (whose iteration order is not defined) or a dictionary of another kind.</summary>
    public static bool IsUnorderedCollection(Type type)
    {
        // JsonObject keeps insertion order, so it is as deterministic as the code that fills it.
        if (type == typeof(string) || TryGetDictionaryValueType(type, out _) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type))
        {
            return false;
        }

        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (!candidate.IsGenericType)
            {
                if (candidate == typeof(System.Collections.IDictionary))
                {
                    return true;
                }

                continue;
            }

            var definition = candidate.GetGenericTypeDefinition();
            if (definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>)
                || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class OrderedDictionaryConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => TryGetDictionaryValueType(typeToConvert, out _);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        {
            TryGetDictionaryValueType(typeToConvert, out var valueType);
            return (JsonConverter)Activator.CreateInstance(typeof(OrderedDictionaryConverter<,>).MakeGenericType(typeToConvert, valueType))!;
        }
    }

    private sealed class OrderedDictionaryConverter<TDictionary, TValue> : JsonConverter<TDictionary>
        where TDictionary : IEnumerable<KeyValuePair<string, TValue>>
    {
        public override TDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a JSON object for {typeToConvert.Name} but found {reader.TokenType}.");
            }

            var result = new Dictionary<string, TValue>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                if (result.ContainsKey(key))
                {
                    throw new JsonException($"The JSON object contains the key '{key}' twice.");
                }

                reader.Read();
                result.Add(key, JsonSerializer.Deserialize<TValue>(ref reader, options)!);
            }

            return (TDictionary)(object)result;
        }

        public override void Write(Utf8JsonWriter writer, TDictionary value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var entry in value.OrderBy(e => e.Key, Utf8OrdinalComparer.Instance))
            {
                writer.WritePropertyName(entry.Key);
                JsonSerializer.Serialize(writer, entry.Value, options);
            }

            writer.WriteEndObject();
        }
    }

    // Sets and other dictionaries would serialize in an order that can differ between runs or machines. The converter
    // fails on use rather than on creation so that the schema walk can report the property path that leads to it.
    private sealed class UnorderedSetRejectingConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => IsUnorderedCollection(typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(RejectingConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class RejectingConverter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw Unordered();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => throw Unordered();

        private static NotSupportedException Unordered() =>
            new($"{Describe(typeof(T))} has no stable iteration order, so its JSON would not be deterministic: use an array or list, or Dictionary<string, T>.");
    }

    /// <summary>A readable C# name of a type, for error messages.</summary>
    public static string Describe(Type type)
    {
        if (type.IsArray)
        {
            return Describe(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
    }

    /// <summary>The attribute of type <typeparamref name="T"/> on <paramref name="member"/>, if any.</summary>
    public static T? Attribute<T>(ICustomAttributeProvider member)
        where T : Attribute =>
        member.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
