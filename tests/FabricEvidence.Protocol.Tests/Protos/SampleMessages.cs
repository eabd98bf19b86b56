using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>One populated instance of a message type, with a label that says which variant it is.</summary>
internal sealed record SampleMessage(string Id, MessageDescriptor Descriptor, string Label, IMessage Message);

/// <summary>
/// Builds instances of any message type from its descriptor alone, so that a wrong field number on our side cannot
/// hide: every field holds a non-default value, and the value is derived from the field's path (its full name, plus
/// the path of the parents it is nested in), so no two fields of a message carry the same value and a swapped pair of
/// field numbers puts a recognisably wrong value under each name.
/// </summary>
/// <remarks>
/// Variants of one type: one instance per oneof case (instance i sets case i of every oneof), and, where a message
/// has two or more singular fields whose only non-default value may coincide (bools; enums of one type), one more
/// instance per such field leaving just that field default, so a swap between them still changes what the reference
/// decodes. Recursive types (common.SignaturePolicy, common.ConfigGroup) are cut off once a type occurs twice on the
/// path; map values stay present (as empty messages) at the cut so the map still has its entries.
/// </remarks>
internal static class SampleMessages
{
    // 64-bit integers stay within 2^53: jspb holds them as JavaScript numbers, and beyond that both its decoding and
    // its toObject() would round, which is a limitation of the reference, not something these tests are about.
    private const ulong MaxSafeInteger = (1UL << 53) - 1;
    private const int MaxOccurrencesOfAType = 2;
    private const int MaxDepth = 10;

    public static IReadOnlyList<SampleMessage> For(MessageDescriptor descriptor)
    {
        var oneofs = descriptor.Oneofs.Where(o => !o.IsSynthetic).ToList();
        var caseCount = oneofs.Count == 0 ? 1 : oneofs.Max(o => o.Fields.Count);
        var variants = new List<(string Label, Dictionary<OneofDescriptor, FieldDescriptor> Cases, FieldDescriptor? LeftDefault)>();
        for (var i = 0; i < caseCount; i++)
        {
            var cases = oneofs.ToDictionary(o => o, o => o.Fields[i % o.Fields.Count]);
            var label = oneofs.Count == 0
                ? "every field set"
                : "every field set; oneof " + string.Join(", ", cases.Select(c => $"{c.Key.Name}={c.Value.Name}"));
            variants.Add((label, cases, null));
        }

        foreach (var twin in FieldsWithLookAlikes(descriptor))
        {
            variants.Add(($"every field set except {twin.Name} (left default: its only non-default value could equal a sibling's)", variants[0].Cases, twin));
        }

        return variants
            .Select((v, i) => new SampleMessage(
                $"{descriptor.FullName}#{i}",
                descriptor,
                v.Label,
                new Builder().Build(descriptor, descriptor.FullName, v.Cases, v.LeftDefault)))
            .ToList();
    }

    /// <summary>
    /// Checks the generated variants against the promise the tests rely on: every field non-default somewhere,
    /// repeated fields and maps with at least two elements, every oneof case used. Returns what is not covered.
    /// </summary>
    public static IReadOnlyList<string> CoverageGaps(MessageDescriptor descriptor, IReadOnlyList<SampleMessage> samples)
    {
        var gaps = new List<string>();
        if (samples.Count == 0)
        {
            gaps.Add($"{descriptor.FullName}: no sample instances.");
            return gaps;
        }

        var empty = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            bool covered;
            if (field.IsMap)
            {
                covered = samples.Any(s => ((IDictionary)field.Accessor.GetValue(s.Message)).Count >= 2);
            }
            else if (field.IsRepeated)
            {
                covered = samples.Any(s => ((IList)field.Accessor.GetValue(s.Message)).Count >= 2);
            }
            else if (field.RealContainingOneof is { } oneof)
            {
                covered = samples.Any(s => oneof.Accessor.GetCaseFieldDescriptor(s.Message) == field);
            }
            else
            {
                var unset = field.Accessor.GetValue(empty);
                covered = samples.Any(s => field.Accessor.GetValue(s.Message) is { } v && !v.Equals(unset));
            }

            if (!covered)
            {
                gaps.Add($"{field.FullName} (= {field.FieldNumber}) never holds a non-default value (repeated/map: two or more elements) in any sample.");
            }
        }

        return gaps;
    }

    private static IEnumerable<FieldDescriptor> FieldsWithLookAlikes(MessageDescriptor descriptor) =>
        descriptor.Fields.InFieldNumberOrder()
            .Where(f => !f.IsRepeated && f.RealContainingOneof is null && f.FieldType is FieldType.Bool or FieldType.Enum)
            .GroupBy(f => f.FieldType == FieldType.Bool ? "bool" : f.EnumType.FullName, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .SelectMany(g => g);

    /// <summary>How jspb keys a map entry: it sorts entries by the key's JavaScript string form before writing them.</summary>
    public static string JsKey(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unsupported map key type {key.GetType()}.", nameof(key)),
    };

    private static ulong Hash(string path)
    {
        // FNV-1a, 64-bit: stable across runs and platforms (string.GetHashCode is randomised per process).
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    private sealed class Builder
    {
        private readonly List<MessageDescriptor> _stack = [];

        public IMessage Build(
            MessageDescriptor descriptor,
            string path,
            Dictionary<OneofDescriptor, FieldDescriptor>? cases,
            FieldDescriptor? leftDefault)
        {
            var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
            var used = new HashSet<string>(StringComparer.Ordinal);
            _stack.Add(descriptor);
            foreach (var field in descriptor.Fields.InFieldNumberOrder())
            {
                if (field == leftDefault)
                {
                    continue;
                }

                if (field.RealContainingOneof is { } oneof)
                {
                    var chosen = cases is not null && cases.TryGetValue(oneof, out var c) ? c : NestedCase(oneof);
                    if (chosen != field)
                    {
                        continue;
                    }
                }

                var fieldPath = $"{path}.{field.Name}";
                if (field.IsMap)
                {
                    var map = (IDictionary)field.Accessor.GetValue(message);
                    var keyField = field.MessageType.FindFieldByNumber(1);
                    var valueField = field.MessageType.FindFieldByNumber(2);
                    var keys = Enumerable.Range(0, 2)
                        .Select(i => Scalar(keyField, $"{fieldPath}#key{i}", used, i))
                        .OrderBy(JsKey, StringComparer.Ordinal); // jspb writes entries in this order; match it
                    foreach (var key in keys)
                    {
                        map.Add(key, Value(valueField, $"{fieldPath}[{JsKey(key)}]", used, 0, emptyWhenCut: true)!);
                    }
                }
                else if (field.IsRepeated)
                {
                    var list = (IList)field.Accessor.GetValue(message);
                    for (var i = 0; i < 2; i++)
                    {
                        if (Value(field, $"{fieldPath}[{i}]", used, i, emptyWhenCut: false) is { } element)
                        {
                            list.Add(element);
                        }
                    }
                }
                else if (Value(field, fieldPath, used, 0, emptyWhenCut: false) is { } value)
                {
                    field.Accessor.SetValue(message, value);
                }
            }

            _stack.RemoveAt(_stack.Count - 1);
            return message;
        }

        private bool IsCut(MessageDescriptor type) =>
            _stack.Count >= MaxDepth || _stack.Count(t => t == type) >= MaxOccurrencesOfAType;

        // Below the top level any case will do; prefer one that does not recurse past the cut.
        private FieldDescriptor? NestedCase(OneofDescriptor oneof) =>
            oneof.Fields.FirstOrDefault(f => f.FieldType != FieldType.Message || !IsCut(f.MessageType));

        private object? Value(FieldDescriptor field, string path, HashSet<string> used, int index, bool emptyWhenCut)
        {
            if (field.FieldType == FieldType.Message)
            {
                if (IsCut(field.MessageType))
                {
                    return emptyWhenCut ? Activator.CreateInstance(field.MessageType.ClrType) : null;
                }

                return Build(field.MessageType, path, null, null);
            }

            return Scalar(field, path, used, index);
        }

        private static object Scalar(FieldDescriptor field, string path, HashSet<string> used, int index)
        {
            if (field.FieldType is FieldType.Bool or FieldType.Enum)
            {
                // Only one (bool) or a few (enum) non-default values exist; look-alikes get their own variants instead.
                return MakeScalar(field, path, index);
            }

            for (var attempt = 0; ; attempt++)
            {
                var value = MakeScalar(field, attempt == 0 ? path : $"{path}~{attempt}", index);
                var text = value is ByteString bytes ? bytes.ToBase64() : Convert.ToString(value, CultureInfo.InvariantCulture);
                if (used.Add($"{field.FieldType}:{text}"))
                {
                    return value;
                }
            }
        }

        private static object MakeScalar(FieldDescriptor field, string path, int index)
        {
            var hash = Hash(path);
            var negative = ((hash >> 40) & 1) == 1; // signed types get negative values too (10-byte varints)
            switch (field.FieldType)
            {
                case FieldType.Int32:
                case FieldType.SInt32:
                case FieldType.SFixed32:
                    var int32 = (int)(hash % 1_000_000_000UL) + 1;
                    return negative ? -int32 : int32;
                case FieldType.UInt32:
                case FieldType.Fixed32:
                    return (uint)(hash % 4_000_000_000UL) + 1U;
                case FieldType.Int64:
                case FieldType.SInt64:
                case FieldType.SFixed64:
                    var int64 = (long)(hash % MaxSafeInteger) + 1;
                    return negative ? -int64 : int64;
                case FieldType.UInt64:
                case FieldType.Fixed64:
                    return (hash % MaxSafeInteger) + 1;
                case FieldType.Float:
                    return (float)(hash % 1_000_000UL) + 0.25f; // exactly representable, so JSON shows it exactly
                case FieldType.Double:
                    return (double)(hash % 1_000_000_000UL) + 0.5;
                case FieldType.Bool:
                    return index % 2 == 0; // repeated bools get [true, false]
                case FieldType.String:
                    return path + " \u2713"; // a non-ASCII character proves both sides agree on UTF-8
                case FieldType.Bytes:
                    // 0xFB 0xFF encode to base64 "+/8", so the alphabet both sides use is checked too.
                    return ByteString.CopyFrom([0xFB, 0xFF, .. Encoding.UTF8.GetBytes(path)]);
                case FieldType.Enum:
                    var nonZero = field.EnumType.Values.Where(v => v.Number != 0).Select(v => v.Number).Order().ToList();
                    if (nonZero.Count == 0)
                    {
                        // An enum whose only value is 0 (rwset.TxReadWriteSet.DataModel) would never reach the wire.
                        // proto3 enums are open and both implementations carry unknown numbers through, so an
                        // undefined number still proves the field number is right.
                        nonZero.Add(field.EnumType.Values.Max(v => v.Number) + 1);
                    }

                    var chosen = nonZero[(int)((hash + (ulong)index) % (ulong)nonZero.Count)];
                    return Enum.ToObject(field.EnumType.ClrType, chosen);
                default:
                    throw new NotSupportedException($"{field.FullName}: field type {field.FieldType} is not supported by the sample builder.");
            }
        }
    }
}
