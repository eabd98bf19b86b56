using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>
/// What google-protobuf's JavaScript <c>toObject()</c> shows for one of our messages, and a field-by-field comparison
/// against what the reference actually produced. Byte equality cannot tell two same-typed fields with swapped numbers
/// apart; this comparison can, because it looks each field up by name.
/// </summary>
/// <remarks>
/// The toObject() conventions (checked by these very comparisons, which fail on any mismatch): the key is the field
/// name lower-cased and camel-cased at underscores (<c>tx_id</c> → <c>txId</c>, <c>TransientMap</c> →
/// <c>transientmap</c>), with a <c>List</c> suffix for repeated fields and a <c>Map</c> suffix for maps; maps are
/// arrays of [key, value] sorted by the key's string form; bytes are base64; 64-bit integers and enums are numbers;
/// proto3 scalars show their default when unset, while an unset message or oneof member shows as null (the Node
/// script turns undefined into null), except an unset bytes member of a oneof, which shows as "".
/// </remarks>
internal static class Jspb
{
    // Names the jspb generator prefixes with "pb_" in toObject() because they are JavaScript keywords (no Fabric
    // field is named like this today; the list keeps a future one from failing with a confusing missing property).
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "abstract", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "debugger",
        "default", "delete", "do", "double", "else", "enum", "export", "extends", "false", "final", "finally", "float",
        "for", "function", "goto", "if", "implements", "import", "in", "instanceof", "int", "interface", "long",
        "native", "new", "null", "package", "private", "protected", "public", "return", "short", "static", "super",
        "switch", "synchronized", "this", "throw", "throws", "transient", "try", "typeof", "var", "void", "volatile",
        "while", "with",
    };

    // Shows non-ASCII text as itself in failure messages instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FieldName(FieldDescriptor field)
    {
        var words = field.Name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(words.Select((w, i) =>
        {
            var lower = w.ToLowerInvariant();
            return i == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..];
        }));
        if (field.IsMap)
        {
            name += "Map";
        }
        else if (field.IsRepeated)
        {
            name += "List";
        }

        return Reserved.Contains(name) ? "pb_" + name : name;
    }

    /// <summary>Our message rendered the way toObject() renders it (used to describe our side of a difference).</summary>
    public static JsonObject ToObject(IMessage message)
    {
        var result = new JsonObject();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            result[FieldName(field)] = FieldToNode(message, field);
        }

        return result;
    }

    /// <summary>
    /// Compares our message with the reference's toObject() of the same bytes; adds one line per difference, naming
    /// the field, its number, what we sent and what the reference decoded.
    /// </summary>
    public static void Compare(IMessage expected, JsonNode? actual, string path, List<string> differences)
    {
        if (actual is not JsonObject actualObject)
        {
            differences.Add($"{path}: expected a {expected.Descriptor.FullName} object, got {Show(actual)}");
            return;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in expected.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = FieldName(field);
            known.Add(name);
            var where = $"{path}.{name} [{field.FullName} = {field.FieldNumber}]";
            if (!actualObject.TryGetPropertyValue(name, out var actualValue))
            {
                differences.Add($"{where}: the decoded object has no property '{name}'");
                continue;
            }

            CompareField(expected, field, actualValue, where, differences);
        }

        foreach (var (name, value) in actualObject)
        {
            if (!known.Contains(name))
            {
                differences.Add($"{path}.{name}: the reference's {expected.Descriptor.FullName} has this field, ours does not (value {Show(value)})");
            }
        }
    }

    private static void CompareField(IMessage message, FieldDescriptor field, JsonNode? actual, string where, List<string> differences)
    {
        if (field.IsMap)
        {
            var entries = SortedEntries((IDictionary)field.Accessor.GetValue(message));
            var valueField = field.MessageType.FindFieldByNumber(2);
            if (actual is not JsonArray pairs || pairs.Count != entries.Count)
            {
                differences.Add($"{where}: expected {entries.Count} map entries, got {Show(actual)}");
                return;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (pairs[i] is not JsonArray { Count: 2 } pair)
                {
                    differences.Add($"{where}[{i}]: expected a [key, value] pair, got {Show(pairs[i])}");
                    continue;
                }

                CompareLeaf(ScalarToNode(entries[i].Key), pair[0], $"{where}[{i}].key", differences);
                CompareElement(entries[i].Value, valueField, pair[1], $"{where}[{i}].value", differences);
            }

            return;
        }

        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            if (actual is not JsonArray array || array.Count != list.Count)
            {
                differences.Add($"{where}: expected {list.Count} elements, got {Show(actual)}");
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                CompareElement(list[i], field, array[i], $"{where}[{i}]", differences);
            }

            return;
        }

        if (field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
        {
            // jspb reads a bytes member through its base64 getter, which answers "" for an unset member.
            CompareLeaf(field.FieldType == FieldType.Bytes ? JsonValue.Create("") : null, actual, where, differences);
            return;
        }

        CompareElement(field.Accessor.GetValue(message), field, actual, where, differences);
    }

    private static void CompareElement(object? value, FieldDescriptor field, JsonNode? actual, string where, List<string> differences)
    {
        if (field.FieldType == FieldType.Message && value is IMessage nested)
        {
            Compare(nested, actual, where, differences);
        }
        else
        {
            CompareLeaf(value is null ? null : ScalarToNode(value), actual, where, differences);
        }
    }

    private static void CompareLeaf(JsonNode? expected, JsonNode? actual, string where, List<string> differences)
    {
        if (!LeafEquals(expected, actual))
        {
            differences.Add($"{where}: we sent {Show(expected)}, decoded as {Show(actual)}");
        }
    }

    private static bool LeafEquals(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => ParseNumber(expected) == ParseNumber(actual),
            JsonValueKind.String => string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.True or JsonValueKind.False => true,
            _ => false, // an object or array where a scalar belongs
        };
    }

    private static decimal ParseNumber(JsonNode node) =>
        decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonNode? FieldToNode(IMessage message, FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var valueField = field.MessageType.FindFieldByNumber(2);
            return new JsonArray(SortedEntries((IDictionary)field.Accessor.GetValue(message))
                .Select(e => (JsonNode?)new JsonArray(ScalarToNode(e.Key), ElementToNode(e.Value, valueField)))
                .ToArray());
        }

        if (field.IsRepeated)
        {
            return new JsonArray(((IList)field.Accessor.GetValue(message)).Cast<object>().Select(v => ElementToNode(v, field)).ToArray());
        }

        if (field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
        {
            return field.FieldType == FieldType.Bytes ? JsonValue.Create("") : null;
        }

        return ElementToNode(field.Accessor.GetValue(message), field);
    }

    private static JsonNode? ElementToNode(object? value, FieldDescriptor field) =>
        value switch
        {
            null => null,
            IMessage nested when field.FieldType == FieldType.Message => ToObject(nested),
            _ => ScalarToNode(value),
        };

    private static JsonValue ScalarToNode(object value) => value switch
    {
        string s => JsonValue.Create(s)!,
        bool b => JsonValue.Create(b),
        ByteString bytes => JsonValue.Create(bytes.ToBase64())!,
        Enum e => JsonValue.Create(Convert.ToInt32(e, CultureInfo.InvariantCulture)),
        int i => JsonValue.Create(i),
        uint u => JsonValue.Create(u),
        long l => JsonValue.Create(l),
        ulong ul => JsonValue.Create(ul),
        float f => JsonValue.Create(f),
        double d => JsonValue.Create(d),
        _ => throw new NotSupportedException($"No toObject() rendering for {value.GetType()}."),
    };

    private static List<DictionaryEntry> SortedEntries(IDictionary map) =>
        map.Keys.Cast<object>()
            .Select(k => new DictionaryEntry(k, map[k]))
            .OrderBy(e => SampleMessages.JsKey(e.Key), StringComparer.Ordinal)
            .ToList();

    public static string Show(JsonNode? node)
    {
        if (node is null)
        {
            return "null (unset)";
        }

        var text = node.ToJsonString(Readable);
        return text.Length <= 160 ? text : text[..157] + "...";
    }
}
