using System.Text;

namespace FabricEvidence.Chaincode.Internal;

/// <summary>
/// The rules Fabric puts on keys, collections and composite-key parts, checked before anything is sent so that a bad
/// key fails the chaincode call with a clear message instead of reaching the peer (or, worse, being silently changed
/// by UTF-8 encoding: a lone surrogate would become U+FFFD and write a different key than the one asked for).
/// </summary>
/// <remarks>One set of rules for the runtime's stub and the in-memory testing stub, so a contract that passes its unit
/// tests is not rejected on a peer, and error messages read the same in both.</remarks>
internal static class KeyRules
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first character of every composite key (the composite-key namespace).</summary>
    public const char CompositeKeyNamespace = '\u0000';

    /// <summary>Separates the parts of a composite key.</summary>
    public const char MinUnicodeRune = '\u0000';

    /// <summary>U+10FFFF, the largest code point: appended to a partial composite key to form the range's end.</summary>
    public const string MaxUnicodeRune = "\U0010FFFF";

    /// <summary>What an empty range start becomes: Fabric's shims start simple-key ranges at U+0001, after all composite keys.</summary>
    public const string EmptyKeySubstitute = "\u0001";

    /// <summary>A key of a single-key operation: non-empty, encodable as UTF-8.</summary>
    public static void Key(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length == 0)
        {
            throw new ArgumentException("The key must not be empty.", parameterName);
        }

        Utf8(key, "key", parameterName);
    }

    /// <summary>A bound of a simple-key range query: encodable as UTF-8, and outside the composite-key namespace.</summary>
    public static void SimpleRangeBound(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > 0 && key[0] == CompositeKeyNamespace)
        {
            // Fabric's Go and Node shims' wording for this refusal, so clients see the same message from any
            // chaincode; the hint after it is ours. U+0000 is reserved for composite keys.
            throw new ArgumentException(
                $"first character of the key [{Describe(key)[1..^1]}] contains a null character which is not allowed; composite keys are queried with GetStateByPartialCompositeKey",
                parameterName);
        }

        Utf8(key, "range bound", parameterName);
    }

    /// <summary>The name of a chaincode event: non-empty, encodable as UTF-8.</summary>
    public static void EventName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (name.Length == 0)
        {
            throw new ArgumentException("The event name must not be empty.", parameterName);
        }

        Utf8(name, "event name", parameterName);
    }

    /// <summary>What using a transaction's stub after the transaction has finished throws, from either stub.</summary>
    public static InvalidOperationException StubCompleted(string txId) =>
        new($"Transaction {txId} has completed; its stub cannot be used after InvokeAsync or InitAsync returns (do not keep the stub or its iterators).");

    /// <summary>A private data collection name: non-empty, encodable as UTF-8.</summary>
    public static void Collection(string collection, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(collection, parameterName);
        if (collection.Length == 0)
        {
            throw new ArgumentException("The collection name must not be empty.", parameterName);
        }

        Utf8(collection, "collection name", parameterName);
    }

    /// <summary>
    /// The object type of a composite key: non-empty (an empty type would put the key outside every type's range),
    /// and a valid composite-key part.
    /// </summary>
    public static void ObjectType(string objectType, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(objectType, parameterName);
        if (objectType.Length == 0)
        {
            throw new ArgumentException("The object type of a composite key must not be empty.", parameterName);
        }

        CompositePart(objectType, "object type", parameterName);
    }

    /// <summary>
    /// An attribute of a composite key. Empty attributes are allowed, as in Fabric's Go shim (the Node shim rejects
    /// them): the key then simply has an empty part.
    /// </summary>
    public static void Attribute(string attribute, int index, string parameterName)
    {
        if (attribute is null)
        {
            throw new ArgumentNullException(parameterName, $"Attribute {index} of the composite key is null.");
        }

        CompositePart(attribute, $"attribute {index}", parameterName);
    }

    public static string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes, string objectTypeParameter, string attributesParameter)
    {
        ObjectType(objectType, objectTypeParameter);
        ArgumentNullException.ThrowIfNull(attributes, attributesParameter);
        var length = objectType.Length + 2;
        for (var i = 0; i < attributes.Count; i++)
        {
            Attribute(attributes[i], i, attributesParameter);
            length += attributes[i].Length + 1;
        }

        var builder = new StringBuilder(length);
        builder.Append(CompositeKeyNamespace).Append(objectType).Append(MinUnicodeRune);
        for (var i = 0; i < attributes.Count; i++)
        {
            builder.Append(attributes[i]).Append(MinUnicodeRune);
        }

        return builder.ToString();
    }

    public static (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(compositeKey, parameterName);
        if (compositeKey.Length < 2 || compositeKey[0] != CompositeKeyNamespace || compositeKey[^1] != MinUnicodeRune)
        {
            throw new ArgumentException(
                $"{Describe(compositeKey)} is not a composite key: composite keys start and end with U+0000 (build them with CreateCompositeKey).",
                parameterName);
        }

        var parts = compositeKey[1..^1].Split(MinUnicodeRune);
        return (parts[0], parts.Length == 1 ? Array.Empty<string>() : parts[1..]);
    }

    /// <summary>Throws unless <paramref name="value"/> is well-formed UTF-16 (no lone surrogates), so it encodes to UTF-8 unchanged.</summary>
    public static void Utf8(string value, string what, string parameterName)
    {
        var index = IndexOfInvalidUtf16(value);
        if (index >= 0)
        {
            throw new ArgumentException(
                $"The {what} {Describe(value)} is not valid Unicode: it has a lone surrogate (U+{(int)value[index]:X4}) at index {index}, which cannot be encoded as UTF-8.",
                parameterName);
        }
    }

    /// <summary>The index of the first lone surrogate, or -1 when the string is well-formed.</summary>
    public static int IndexOfInvalidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static void CompositePart(string part, string what, string parameterName)
    {
        Utf8(part, $"composite-key {what}", parameterName);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == MinUnicodeRune)
            {
                throw new ArgumentException($"The composite-key {what} {Describe(part)} contains U+0000 at index {i}; U+0000 separates the parts of a composite key.", parameterName);
            }

            if (part[i] == '\uDBFF' && i + 1 < part.Length && part[i + 1] == '\uDFFF')
            {
                throw new ArgumentException($"The composite-key {what} {Describe(part)} contains U+10FFFF at index {i}; U+10FFFF ends partial composite-key ranges.", parameterName);
            }
        }
    }

    /// <summary>A printable rendering of a key for error messages: control characters and surrogates escaped, long keys cut.</summary>
    public static string Describe(string key)
    {
        const int MaxShown = 80;
        var builder = new StringBuilder(Math.Min(key.Length, MaxShown) + 2);
        builder.Append('"');
        for (var i = 0; i < key.Length && i < MaxShown; i++)
        {
            var c = key[i];
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (key.Length > MaxShown)
        {
            builder.Append('…');
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Decodes UTF-8, throwing on invalid bytes instead of substituting U+FFFD.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) => StrictUtf8.GetString(bytes);

    /// <summary>Encodes UTF-8, throwing on lone surrogates instead of substituting U+FFFD.</summary>
    public static byte[] EncodeUtf8(string value) => StrictUtf8.GetBytes(value);
}
