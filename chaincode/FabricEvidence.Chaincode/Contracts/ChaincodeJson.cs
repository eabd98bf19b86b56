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
/// <item>Strings and numbers are written as JavaScript's <c>JSON.stringify</c> (and Go's encoding/json) write them, so
/// a document reads the same whichever runtime wrote it: only the quotation mark, the backslash and control
/// characters are escaped (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\b</c>, <c>\f</c>, else
/// <c>\u00xx</c> in lowercase hex), every other character is written as UTF-8; floating-point and decimal numbers
/// in their shortest round-trip digits with ECMAScript's notation (<c>0.000001</c>, <c>1e-7</c>,
/// <c>100000000000000000000</c>, <c>1e+21</c>); NaN and infinities are rejected.</item>
/// <item>No indentation; enums as their names; <see langword="null"/> properties are omitted; <see cref="byte"/>
/// arrays inside objects as base64; <see cref="FabricTimestamp"/> as its lossless RFC 3339 text.</item>
/// </list>
/// <para>Property order is deterministic but follows this library's rules (UTF-8 order of the C# names). When
/// documents must be byte-identical across runtimes and organisations (to hash or sign them), use
/// <see cref="SerializeCanonical{T}"/> or <see cref="Canonicalize"/>: RFC 8785, the JSON Canonicalization Scheme.</para>
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

    /// <summary>
    /// Serializes <paramref name="value"/> in the RFC 8785 canonical form (JSON Canonicalization Scheme): members
    /// sorted by the UTF-16 code units of their names at every level, no whitespace, strings and numbers as
    /// ECMAScript writes them. Any conforming implementation in any language produces the same bytes for the same data.
    /// </summary>
    /// <typeparam name="T">The declared type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The canonical UTF-8 JSON bytes.</returns>
    /// <exception cref="NotSupportedException">The type cannot be serialized deterministically.</exception>
    public static byte[] SerializeCanonical<T>(T value) => JsonCanonicalizer.Canonicalize(Serialize(value));

    /// <summary>Rewrites any JSON document in the RFC 8785 canonical form (see <see cref="SerializeCanonical{T}"/>).</summary>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The canonical UTF-8 JSON bytes.</returns>
    /// <exception cref="JsonException">The bytes are not JSON, an object has a duplicate member name, or a number is
    /// outside the range of an IEEE 754 double (RFC 8785 reads every number as one).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => JsonCanonicalizer.Canonicalize(utf8Json);

    /// <summary>Deserializes strict UTF-8 JSON produced by <see cref="Serialize{T}"/> or by a client.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="utf8Json">The JSON bytes.</param>
    /// <returns>The value; never <see langword="null"/>.</returns>
    /// <exception cref="JsonException">The bytes are not valid JSON for <typeparamref name="T"/>, or are <c>null</c>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, ChaincodeJsonOptions.Instance)
        ?? throw new JsonException($"Expected a {typeof(T).Name} but the JSON is null.");
}
