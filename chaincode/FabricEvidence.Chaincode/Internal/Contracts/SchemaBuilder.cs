using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Describes CLR types as the JSON schemas of Fabric's contract metadata, collecting object types under
/// <c>components.schemas</c>. Walking a type here also proves it can be exchanged deterministically: anything that
/// cannot is rejected with the path that leads to it.
/// </summary>
internal sealed class SchemaBuilder
{
    public const string ComponentPrefix = "#/components/schemas/";

    private static readonly HashSet<Type> Unsupported =
    [
        typeof(object), typeof(DateTime), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(char), typeof(Half),
        typeof(Int128), typeof(UInt128), typeof(System.Numerics.BigInteger), typeof(nint), typeof(nuint), typeof(Uri), typeof(Type),
        typeof(JsonElement), typeof(JsonDocument), typeof(JsonNode), typeof(JsonObject), typeof(JsonArray), typeof(JsonValue),
        typeof(ReadOnlyMemory<byte>), typeof(Memory<byte>),
    ];

    private readonly Dictionary<Type, string> _names = [];
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _components = new(StringComparer.Ordinal);

    /// <summary>The collected object schemas, in ordinal order of their names.</summary>
    public JsonObject BuildComponents()
    {
        var schemas = new JsonObject();
        foreach (var name in _components.Keys.OrderBy(n => n, Utf8OrdinalComparer.Instance))
        {
            schemas[name] = _components[name].DeepClone();
        }

        return schemas;
    }

    /// <summary>The schema of a transaction argument or result of <paramref name="type"/> (top level: bytes are raw).</summary>
    public JsonObject ForArgument(Type type, string path)
    {
        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "binary" };
        }

        if (Nullable.GetUnderlyingType(type) is not null)
        {
            throw new NotSupportedException($"{path}: {ChaincodeJsonOptions.Describe(type)} is not supported: an argument is always present, so use {ChaincodeJsonOptions.Describe(Nullable.GetUnderlyingType(type)!)}.");
        }

        return ForJson(type, path);
    }

    /// <summary>Registers a type marked with <see cref="DataTypeAttribute"/> even if no transaction uses it.</summary>
    public void AddDataType(Type type) => ForJson(type, ChaincodeJsonOptions.Describe(type));

    /// <summary>Rejects enums whose values have no single name.</summary>
    public static void EnsureSupportedEnum(Type type)
    {
        if (type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            throw new NotSupportedException($"The [Flags] enum {type.Name} is not supported: its combined values have no single name. Use an array of a plain enum.");
        }
    }

    private JsonObject ForJson(Type type, string path)
    {
        if (type == typeof(string))
        {
            return Schema("string");
        }

        if (type == typeof(bool))
        {
            return Schema("boolean");
        }

        if (type == typeof(int))
        {
            return Schema("integer", "int32");
        }

        if (type == typeof(long))
        {
            return Schema("integer", "int64");
        }

        if (type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong))
        {
            var schema = Schema("integer");
            schema["minimum"] = JsonNode.Parse(Convert.ToString(type.GetField("MinValue")!.GetValue(null), CultureInfo.InvariantCulture)!);
            schema["maximum"] = JsonNode.Parse(Convert.ToString(type.GetField("MaxValue")!.GetValue(null), CultureInfo.InvariantCulture)!);
            return schema;
        }

        if (type == typeof(double))
        {
            return Schema("number", "double");
        }

        if (type == typeof(float))
        {
            return Schema("number", "float");
        }

        if (type == typeof(decimal))
        {
            return Schema("number");
        }

        if (type == typeof(DateTimeOffset) || type == typeof(FabricTimestamp))
        {
            return Schema("string", "date-time");
        }

        if (type == typeof(Guid))
        {
            return Schema("string", "uuid");
        }

        if (type == typeof(byte[]))
        {
            return Schema("string", "byte");
        }

        if (type.IsEnum)
        {
            EnsureSupportedEnum(type);
            var schema = Schema("string");
            schema["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
            return schema;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return ForJson(underlying, path);
        }

        if (Unsupported.Contains(type) || type.IsPointer || type.IsByRef || typeof(Delegate).IsAssignableFrom(type))
        {
            throw new NotSupportedException(UnsupportedMessage(type, path));
        }

        if (ChaincodeJsonOptions.TryGetDictionaryValueType(type, out var valueType))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForJson(valueType, path + "{}") };
        }

        if (ChaincodeJsonOptions.IsUnorderedCollection(type))
        {
            throw new NotSupportedException($"{path}: {ChaincodeJsonOptions.Describe(type)} has no stable iteration order, so its JSON would not be deterministic: use an array or list, or Dictionary<string, T>.");
        }

        JsonTypeInfo info;
        try
        {
            info = ChaincodeJsonOptions.Instance.GetTypeInfo(type);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new NotSupportedException($"{path}: {ChaincodeJsonOptions.Describe(type)} cannot be serialized: {ex.Message}", ex);
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable when info.ElementType is not null && (type.IsArray ? type.GetArrayRank() == 1 : true):
                return new JsonObject { ["type"] = "array", ["items"] = ForJson(info.ElementType, path + "[]") };
            case JsonTypeInfoKind.Object when !type.IsAbstract && !type.IsInterface && !type.IsGenericTypeDefinition:
                return new JsonObject { ["$ref"] = ComponentPrefix + Register(type, info) };
            default:
                throw new NotSupportedException(UnsupportedMessage(type, path));
        }
    }

    private string Register(Type type, JsonTypeInfo info)
    {
        if (_names.TryGetValue(type, out var known))
        {
            return known;
        }

        var attribute = ChaincodeJsonOptions.Attribute<DataTypeAttribute>(type);
        var name = string.IsNullOrEmpty(attribute?.Name) ? GeneratedName(type) : attribute.Name;
        if (_types.TryGetValue(name, out var other))
        {
            throw new InvalidOperationException(
                $"The data types {other.FullName} and {type.FullName} would both be published as '{name}': give one of them [DataType(Name = \"…\")].");
        }

        // Registered before the properties are walked so that recursive types refer to themselves.
        _names.Add(type, name);
        _types.Add(name, type);
        var schema = new JsonObject { ["$id"] = name, ["type"] = "object" };
        if (!string.IsNullOrEmpty(attribute?.Description))
        {
            schema["description"] = attribute.Description;
        }

        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in info.Properties.OrderBy(p => p.Order))
        {
            var propertySchema = ForJson(property.PropertyType, $"{name}.{property.Name}");
            var propertyAttribute = ChaincodeJsonOptions.GetPropertyAttribute(property);
            if (!string.IsNullOrEmpty(propertyAttribute?.Description))
            {
                propertySchema["description"] = propertyAttribute.Description;
            }

            properties[property.Name] = propertySchema;
            if (property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false })
            {
                required.Add((JsonNode)JsonValue.Create(property.Name));
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        schema["additionalProperties"] = false;
        _components[name] = schema;
        return name;
    }

    private static string GeneratedName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "Of" + string.Join("And", type.GetGenericArguments().Select(GeneratedName));
    }

    private static string UnsupportedMessage(Type type, string path)
    {
        var advice = type == typeof(DateTime)
            ? " Use DateTimeOffset: a DateTime's meaning depends on its Kind and the machine's time zone."
            : type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement)
                ? " Declare a concrete type so the metadata can describe it."
                : string.Empty;
        return $"{path}: {ChaincodeJsonOptions.Describe(type)} is not supported in contract arguments, results or data types.{advice}";
    }

    private static JsonObject Schema(string type, string? format = null)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null)
        {
            schema["format"] = format;
        }

        return schema;
    }
}
