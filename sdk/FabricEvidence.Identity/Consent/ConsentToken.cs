using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// Holder consents as compact JWS (ES256, <c>typ: fabric-evidence-consent+jwt</c>) signed with the holder key a
/// credential is bound to. The payload holds the consent id (<c>jti</c>), <c>credential_id</c>, the verifier
/// (<c>aud</c>), <c>purpose</c>, the claim names (<c>claims</c>), <c>iat</c> and <c>exp</c>: names and codes only, no
/// claim values. <see cref="Verify"/> is a pure function of the token and the key (no clock), so a chaincode gets the
/// same answer on every peer and compares the times with the transaction's.
/// </summary>
public static class ConsentToken
{
    /// <summary>The <c>typ</c> header of consent tokens.</summary>
    public const string TokenType = "fabric-evidence-consent+jwt";

    /// <summary>The longest consent token accepted, in characters.</summary>
    public const int MaxLength = 8192;

    /// <summary>The most claim names in one consent.</summary>
    public const int MaxClaims = 64;

    private const string CredentialIdName = "credential_id";
    private const string PurposeName = "purpose";
    private const string ClaimsName = "claims";
    private const string IdName = "jti";

    /// <summary>Signs a consent.</summary>
    /// <param name="holderKey">The holder key the credential is bound to.</param>
    /// <param name="request">What is consented to.</param>
    /// <param name="timeProvider">The clock for <c>iat</c> when the request gives none; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">A field is missing, there are no or too many claim names, or the consent expires before it is signed.</exception>
    public static string Sign(HolderKey holderKey, ConsentRequest request, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CredentialId, "request.CredentialId");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Verifier, "request.Verifier");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Purpose, "request.Purpose");
        ArgumentNullException.ThrowIfNull(request.Claims, "request.Claims");
        var claims = request.Claims.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (claims.Count == 0 || claims.Count > MaxClaims || claims.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"A consent names 1 to {MaxClaims} non-empty claim names.", "request.Claims");
        }

        var issuedAt = NumericDate.Truncate(request.IssuedAt ?? (timeProvider ?? TimeProvider.System).GetUtcNow());
        var expires = NumericDate.Truncate(request.Expires);
        if (expires <= issuedAt)
        {
            throw new ArgumentException("The consent must expire after it is signed.", "request.Expires");
        }

        var payload = new JsonObject
        {
            // 128 random bits as hex: an id the contract accepts (it refuses ids that start with "_" or "-", which base64url may).
            [IdName] = request.ConsentId ?? Guid.NewGuid().ToString("N"),
            [CredentialIdName] = request.CredentialId,
            [SdJwtNames.Audience] = request.Verifier,
            [PurposeName] = request.Purpose,
            [ClaimsName] = new JsonArray(claims.Select(c => (JsonNode?)c).ToArray()),
            [SdJwtNames.IssuedAt] = NumericDate.From(issuedAt),
            [SdJwtNames.Expires] = NumericDate.From(expires),
        };
        return holderKey.SignJws(TokenType, StrictJson.Serialize(payload));
    }

    /// <summary>Verifies a consent's signature with the holder's public key and reads it. Does not look at any clock.</summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="holderKey">The holder key the credential is bound to.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="SdJwtVerificationException">
    /// <see cref="SdJwtErrorCode.TooLarge"/>, <see cref="SdJwtErrorCode.Malformed"/>, <see cref="SdJwtErrorCode.UnsupportedAlgorithm"/>,
    /// <see cref="SdJwtErrorCode.UnsupportedType"/>, <see cref="SdJwtErrorCode.InvalidSignature"/> (not signed by this key) or
    /// <see cref="SdJwtErrorCode.MissingClaim"/>.
    /// </exception>
    public static HolderConsent Verify(string token, HolderPublicKey holderKey)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(holderKey);
        if (token.Length > MaxLength)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"The consent token is {token.Length} characters long; the limit is {MaxLength}.");
        }

        var jws = Jws.TryParse(token, out var reason)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The consent token is not a compact JWS: {reason}.");
        if (!string.Equals(jws.Algorithm, Jws.Es256, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedAlgorithm, $"The consent token is signed with '{jws.Algorithm}'; only ES256 is accepted.");
        }

        if (!string.Equals(jws.Type, TokenType, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType, $"The consent token's typ is '{jws.Type}'; it must be '{TokenType}'.");
        }

        if (jws.Signature.Length != 64 || !Jws.Verify(jws, holderKey.SecurityKey))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.InvalidSignature, "The consent token is not signed by the holder key of the credential.");
        }

        var payload = jws.Payload;
        if (payload[ClaimsName] is not JsonArray claimArray || claimArray.Count == 0 || claimArray.Count > MaxClaims)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, $"The consent token's 'claims' is not an array of 1 to {MaxClaims} names.");
        }

        var claims = new List<string>(claimArray.Count);
        foreach (var c in claimArray)
        {
            if (c is not JsonValue v || !v.TryGetValue(out string? name) || string.IsNullOrWhiteSpace(name))
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The consent token's 'claims' holds something other than a claim name.");
            }

            claims.Add(name);
        }

        var issuedAt = NumericDate.Read(payload, SdJwtNames.IssuedAt, SdJwtErrorCode.Malformed, "consent")
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The consent token has no 'iat'.");
        var expires = NumericDate.Read(payload, SdJwtNames.Expires, SdJwtErrorCode.Malformed, "consent")
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The consent token has no 'exp'.");
        if (expires <= issuedAt)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The consent token expires before it was signed.");
        }

        return new HolderConsent
        {
            ConsentId = Required(payload, IdName),
            CredentialId = Required(payload, CredentialIdName),
            Verifier = Required(payload, SdJwtNames.Audience),
            Purpose = Required(payload, PurposeName),
            Claims = claims.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            IssuedAt = issuedAt,
            Expires = expires,
            HolderKeyThumbprint = holderKey.Thumbprint,
            TokenHash = Digests.OfAscii(token),
        };
    }

    private static string Required(JsonObject payload, string name) =>
        payload[name] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, $"The consent token has no '{name}' string.");
}
