using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// One SD-JWT disclosure (RFC 9901 section 4.2): the base64url encoding of the JSON array <c>[salt, name, value]</c> for
/// an object property, or <c>[salt, value]</c> for an array element. Its <see cref="Digest"/> is what the issuer-signed
/// JWT carries and what the ledger may record: salted, so it reveals nothing about the value. Immutable.
/// </summary>
public sealed class Disclosure
{
    /// <summary>The number of random bytes in a generated salt (128 bits, as RFC 9901 section 9.3 recommends).</summary>
    public const int SaltBytes = 16;

    private readonly JsonNode? _value;

    private Disclosure(string encoded, string salt, string? claimName, JsonNode? value)
    {
        Encoded = encoded;
        Salt = salt;
        ClaimName = claimName;
        _value = value;
        Digest = Digests.OfAscii(encoded);
    }

    /// <summary>The disclosure as it travels: base64url without padding. The digest is taken over exactly this text.</summary>
    public string Encoded { get; }

    /// <summary>The salt (first array element).</summary>
    public string Salt { get; }

    /// <summary>The claim name, or null for an array element disclosure.</summary>
    public string? ClaimName { get; }

    /// <summary>True for an array element disclosure (<c>[salt, value]</c>).</summary>
    public bool IsArrayElement => ClaimName is null;

    /// <summary>A copy of the claim value (null for JSON null).</summary>
    public JsonNode? Value => _value?.DeepClone();

    /// <summary>base64url(SHA-256(ASCII(<see cref="Encoded"/>))), the digest in <c>_sd</c> or <c>{"...": digest}</c>.</summary>
    public string Digest { get; }

    /// <summary>Creates an object property disclosure with a fresh random salt.</summary>
    /// <param name="claimName">The claim name; not <c>_sd</c> or <c>...</c>.</param>
    /// <param name="value">The claim value (copied).</param>
    /// <exception cref="ArgumentException">The name is reserved.</exception>
    public static Disclosure ForProperty(string claimName, JsonNode? value) => ForProperty(claimName, value, NewSalt());

    /// <summary>Creates an object property disclosure with the given salt (for test vectors; use the overload without a salt otherwise).</summary>
    /// <param name="claimName">The claim name; not <c>_sd</c> or <c>...</c>.</param>
    /// <param name="value">The claim value (copied).</param>
    /// <param name="salt">The salt text.</param>
    /// <exception cref="ArgumentException">The name is reserved or the salt is empty.</exception>
    public static Disclosure ForProperty(string claimName, JsonNode? value, string salt)
    {
        ArgumentNullException.ThrowIfNull(claimName);
        ArgumentException.ThrowIfNullOrEmpty(salt);
        if (claimName is SdJwtNames.Digests or SdJwtNames.ArrayDigest)
        {
            throw new ArgumentException($"'{claimName}' is reserved by SD-JWT and cannot be a disclosed claim name.", nameof(claimName));
        }

        var copy = value?.DeepClone();
        var array = new JsonArray(salt, claimName, copy?.DeepClone());
        return new Disclosure(Base64Url.Encode(StrictJson.Utf8(StrictJson.Serialize(array))), salt, claimName, copy);
    }

    /// <summary>Creates an array element disclosure with a fresh random salt.</summary>
    /// <param name="value">The element value (copied).</param>
    public static Disclosure ForArrayElement(JsonNode? value) => ForArrayElement(value, NewSalt());

    /// <summary>Creates an array element disclosure with the given salt (for test vectors).</summary>
    /// <param name="value">The element value (copied).</param>
    /// <param name="salt">The salt text.</param>
    /// <exception cref="ArgumentException">The salt is empty.</exception>
    public static Disclosure ForArrayElement(JsonNode? value, string salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        var copy = value?.DeepClone();
        var array = new JsonArray(salt, copy?.DeepClone());
        return new Disclosure(Base64Url.Encode(StrictJson.Utf8(StrictJson.Serialize(array))), salt, null, copy);
    }

    /// <summary>Reads a disclosure (any JSON formatting of the array is accepted; the digest is over the text as given).</summary>
    /// <param name="encoded">The base64url disclosure text.</param>
    /// <exception cref="SdJwtVerificationException">Code <see cref="SdJwtErrorCode.Malformed"/>: not base64url, not a JSON array of 2 or 3 elements with a string salt and name, or a reserved name.</exception>
    public static Disclosure Parse(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0 || !Base64Url.TryDecode(encoded, out var bytes))
        {
            throw Malformed("is not base64url text");
        }

        if (StrictJson.TryParse(bytes) is not JsonArray array)
        {
            throw Malformed("is not the encoding of a JSON array");
        }

        if (array.Count is not (2 or 3))
        {
            throw Malformed($"has {array.Count} elements; a disclosure has 3 (salt, name, value) or 2 (salt, value)");
        }

        if (array[0] is not JsonValue saltNode || !saltNode.TryGetValue(out string? salt) || salt.Length == 0)
        {
            throw Malformed("has no salt string as its first element");
        }

        if (array.Count == 2)
        {
            return new Disclosure(encoded, salt, null, array[1]?.DeepClone());
        }

        if (array[1] is not JsonValue nameNode || !nameNode.TryGetValue(out string? name))
        {
            throw Malformed("has no claim name string as its second element");
        }

        if (name is SdJwtNames.Digests or SdJwtNames.ArrayDigest)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.DuplicateClaim, $"A disclosure uses the reserved claim name '{name}'.");
        }

        return new Disclosure(encoded, salt, name, array[2]?.DeepClone());
    }

    /// <summary>base64url(SHA-256(ASCII(<paramref name="encoded"/>))), the digest of a disclosure's text.</summary>
    /// <param name="encoded">The disclosure text (base64url, hence ASCII).</param>
    /// <exception cref="ArgumentException">The text is not ASCII.</exception>
    public static string ComputeDigest(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return Digests.OfAscii(encoded);
    }

    internal JsonNode? ValueNode => _value;

    internal static string NewSalt() => Base64Url.Encode(RandomNumberGenerator.GetBytes(SaltBytes));

    private static SdJwtVerificationException Malformed(string what) =>
        new(SdJwtErrorCode.Malformed, "A disclosure " + what + ".");

    /// <inheritdoc />
    public override string ToString() => Encoded;
}
