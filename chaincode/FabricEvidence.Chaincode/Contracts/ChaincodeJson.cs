using System.Text.Json;
using FabricEvidence.Chaincode.Internal.Contracts;

namespace FabricEvidence.Chaincode;

/// <summary>
/// The JSON form contracts use for transaction arguments and results, available to contract code so that values it
/// stores in the ledger are encoded the same deterministic way.
/// </summary>
/// <remarks>
/// <para>Output is deterministic: the same value always gives the same bytes.</para>
/// <list type="bullet">
/// <item>Object properties are written in ordinal order of their UTF-8 names, whatever order reflection reports;
/// names are camel-cased unless <see cref="PropertyAttribute.Name"/> or <c>[JsonPropertyName]</c> says otherwise.</item>
/// <item>Dictionaries (only <c>Dictionary</c>, <c>IDictionary</c> and <c>IReadOnlyDictionary</c> with string keys are
/// supported) are written in ordinal UTF-8 order of their keys. Sets are rejected because they have no stable order.</item>
/// <item>No indentation; only the quotation mark, the backslash and control characters are escaped (as <c>\"</c>,
/// <c>\\</c> and <c>\u00XX</c>), every other character is written as UTF-8; numbers in their shortest
/// round-trip invariant form; NaN and infinities are rejected; enums as their names; <see langword="null"/>
/// properties are omitted; <see cref="byte"/> arrays inside objects as base64.</item>
/// </list>
/// <para>Input is strict, so a malformed argument fails the transaction instead of being half understood: unknown
/// properties, duplicate properties, missing required properties, <c>null</c> for a non-nullable property, numbers in
/// strings, comments and trailing commas are all errors.</para>
/// <para>Transaction arguments that are not JSON: <see cref="string"/> is the argument's UTF-8 text; integers,
/// <see cref="float"/>, <see cref="double"/> and <see cref="decimal"/> are invariant-culture text (<c>-12</c>,
/// <c>1.5e3</c>); <see cref="bool"/> is <c>true</c> or <c>false</c> in any letter case; <see cref="DateTimeOffset"/> is
/// ISO 8601 with an offset; <see cref="Guid"/> is its 36-character form; an enum is one of its names;
/// <see cref="byte"/> arrays are the raw argument bytes. Results use the same forms (booleans as <c>true</c>/<c>false</c>);
/// a <see langword="null"/> result is an empty payload.</para>
/// </remarks>
public static class ChaincodeJson
{
    /// <summary>The serializer options behind <see cref="Serialize{T}"/> and <see cref="Deserialize{T}"/> (read-only).</summary>
    public static System.Text.Json.JsonSerializerOptions Options => ChaincodeJsonOptions.Instance;

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON in the deterministic form described above.</summary>
    /// <typeparam name="T">The declared type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The UTF-8 JSON bytes.</returns>
    /// <exception cref="NotSupportedException">The type cannot be serialized deterministically.</exception>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJsonOptions.Instance);

    /// <summary>Deserializes strict UTF-8 JSON produced by <see cref="Serialize{T}"/> or by a client.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The value; never <see langword="null"/>.</returns>
    /// <exception cref="JsonException">The bytes are not valid JSON for <typeparamref name="T"/>, or are <c>null</c>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, ChaincodeJsonOptions.Instance)
        ?? throw new JsonException($"Expected a {typeof(T).Name} but the JSON is null.");
}
