using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;
using Microsoft.IdentityModel.Tokens;

namespace FabricEvidence.Identity;

/// <summary>
/// The public half of a holder key: a P-256 JWK as it appears in a credential's <c>cnf.jwk</c>, and its RFC 7638
/// thumbprint, which is what the ledger records about the holder (the key itself identifies no person). Immutable.
/// </summary>
public sealed class HolderPublicKey
{
    private readonly JsonObject _jwk;

    private HolderPublicKey(JsonObject jwk, ECDsa key)
    {
        _jwk = jwk;
        Key = key;
        SecurityKey = Jws.SecurityKey(key);
        Thumbprint = EcKeys.Thumbprint(jwk);
    }

    /// <summary>The JWK thumbprint (RFC 7638, SHA-256, base64url without padding).</summary>
    public string Thumbprint { get; }

    internal ECDsa Key { get; }

    internal ECDsaSecurityKey SecurityKey { get; }

    /// <summary>A copy of the public JWK: exactly <c>kty</c>, <c>crv</c>, <c>x</c> and <c>y</c>.</summary>
    public JsonObject ToJwk() => (JsonObject)_jwk.DeepClone();

    /// <summary>The public JWK as compact JSON text.</summary>
    public string ToJwkJson() => StrictJson.Serialize(_jwk);

    /// <summary>Reads a public P-256 JWK (members other than kty, crv, x and y are ignored).</summary>
    /// <param name="jwk">The JWK object.</param>
    /// <exception cref="ArgumentException">It is not an EC P-256 public key, holds a private key, or its point is not on the curve.</exception>
    public static HolderPublicKey FromJwk(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var key = EcKeys.TryImportPublic(jwk, out var reason)
            ?? throw new ArgumentException("Not a usable holder key: " + reason + ".", nameof(jwk));
        return new HolderPublicKey(EcKeys.PublicJwk(key), key);
    }

    /// <summary>Reads a public P-256 JWK from JSON text.</summary>
    /// <param name="json">The JWK as JSON text.</param>
    /// <exception cref="ArgumentException">The text is not a JSON object or not a usable P-256 public JWK.</exception>
    public static HolderPublicKey FromJwkJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var node = StrictJson.TryParseObject(StrictJson.Utf8(json))
            ?? throw new ArgumentException("The holder key is not a JSON object.", nameof(json));
        return FromJwk(node);
    }

    internal static HolderPublicKey FromKey(ECDsa publicKey)
    {
        var copy = ECDsa.Create(publicKey.ExportParameters(false));
        return new HolderPublicKey(EcKeys.PublicJwk(copy), copy);
    }

    /// <summary>Computes the RFC 7638 thumbprint of a public P-256 JWK without keeping it.</summary>
    /// <param name="jwk">The JWK object.</param>
    /// <exception cref="ArgumentException">It is not a usable P-256 public JWK.</exception>
    public static string ComputeThumbprint(JsonObject jwk) => FromJwk(jwk).Thumbprint;
}
