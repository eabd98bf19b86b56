using System.Text;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>The rules Fabric applies to state keys and composite keys, checked before anything is read or written.</summary>
internal static class KeyRules
{
    /// <summary>The first character of every composite key (and never of a simple key in a range query).</summary>
    public const char CompositeKeyNamespace = '\u0000';

    /// <summary>The highest code point; bounds partial composite key ranges and may not appear in attributes.</summary>
    public const string MaxUnicodeRune = "\U0010FFFF";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws unless <paramref name="key"/> is a non-empty string that encodes to valid UTF-8.</summary>
    public static void ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            throw new ArgumentException("A state key must not be empty.", paramName);
        }

        ValidateUtf8(key, "state key", paramName);
    }

    /// <summary>Throws unless <paramref name="key"/> is empty (an open bound) or a simple key: valid UTF-8, not starting with U+0000.</summary>
    public static void ValidateRangeBound(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length == 0)
        {
            return;
        }

        ValidateUtf8(key, "range bound", paramName);
        if (key[0] == CompositeKeyNamespace)
        {
            throw new ArgumentException(
                "A range query bound must be a simple key; keys starting with U+0000 are composite keys (use the partial composite key query).",
                paramName);
        }
    }

    /// <summary>Throws unless <paramref name="collection"/> names a private data collection.</summary>
    public static void ValidateCollection(string collection, string paramName)
    {
        ArgumentNullException.ThrowIfNull(collection, paramName);
        if (collection.Length == 0)
        {
            throw new ArgumentException("A private data collection name must not be empty.", paramName);
        }
    }

    /// <summary>Builds a composite key as Fabric does: U+0000, the object type, then each attribute followed by U+0000.</summary>
    public static string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        if (objectType.Length == 0)
        {
            // An empty type would put the key outside every type's partial-key range (the runtime's stub rejects it too).
            throw new ArgumentException("The object type of a composite key must not be empty.", nameof(objectType));
        }

        ValidateCompositeKeyPart(objectType, "the object type", nameof(objectType));
        var builder = new StringBuilder().Append(CompositeKeyNamespace).Append(objectType).Append(CompositeKeyNamespace);
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i] ?? throw new ArgumentException($"Composite key attribute {i} is null.", nameof(attributes));
            ValidateCompositeKeyPart(attribute, $"attribute {i}", nameof(attributes));
            builder.Append(attribute).Append(CompositeKeyNamespace);
        }

        return builder.ToString();
    }

    /// <summary>Splits a key built by <see cref="CreateCompositeKey"/>.</summary>
    public static (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != CompositeKeyNamespace || compositeKey[^1] != CompositeKeyNamespace)
        {
            throw new ArgumentException("Not a composite key: a composite key starts and ends with U+0000.", nameof(compositeKey));
        }

        var parts = compositeKey[1..^1].Split(CompositeKeyNamespace);
        return (parts[0], parts[1..]);
    }

    private static void ValidateCompositeKeyPart(string part, string what, string paramName)
    {
        ValidateUtf8(part, $"composite key {what}", paramName);
        if (part.Contains(CompositeKeyNamespace, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The composite key {what} contains U+0000, which separates the parts of a composite key.", paramName);
        }

        if (part.Contains(MaxUnicodeRune, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The composite key {what} contains U+10FFFF, which bounds partial composite key queries.", paramName);
        }
    }

    private static void ValidateUtf8(string value, string what, string paramName)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(
                    $"The {what} is not valid UTF-8: it contains a lone surrogate U+{(int)c:X4} at index {i}.", paramName);
            }
        }
    }

    /// <summary>Decodes UTF-8, throwing on invalid bytes instead of substituting U+FFFD.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) => StrictUtf8.GetString(bytes);

    /// <summary>Encodes UTF-8, throwing on lone surrogates instead of substituting U+FFFD.</summary>
    public static byte[] EncodeUtf8(string value) => StrictUtf8.GetBytes(value);
}
