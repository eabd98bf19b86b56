using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>
/// The checks of an SD-JWT and its key binding shared by <see cref="SdJwtVerifier"/> (signer chained to trust anchors,
/// times against a clock) and <see cref="SdJwtInspector"/> (signer is the x5c leaf, no clock).
/// </summary>
internal static class SdJwtChecks
{
    /// <summary>The accepted <c>typ</c> values; the time to check against (none: skip validity and freshness); the tolerances.</summary>
    public sealed record Settings(IReadOnlySet<string> AcceptedTypes, DateTimeOffset? Now, TimeSpan ClockSkew, TimeSpan KeyBindingMaxAge);

    /// <summary>Everything but the trust decision, which <paramref name="signer"/> makes from the header (chain to anchors, or the leaf alone).</summary>
    public static VerifiedPresentation Check(CompactSdJwt compact, Settings settings, Func<JsonObject, (X509Certificate2 Leaf, X509Certificate2? Anchor, ECDsa Key)> signer, bool requireHolderKey, KeyBindingExpectation? keyBinding)
    {
        var jws = ParseSigned(compact.IssuerSignedJwt, "issuer-signed JWT");
        if (jws.Type is not { } type || !settings.AcceptedTypes.Contains(type))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType,
                $"The credential's typ is '{jws.Type}'; accepted: {string.Join(", ", settings.AcceptedTypes.Order(StringComparer.Ordinal))}.");
        }

        var (leaf, anchor, issuerKey) = signer(jws.Header);
        using (issuerKey)
        {
            CheckSignature(jws, issuerKey, SdJwtErrorCode.InvalidSignature, "issuer-signed JWT");
        }

        var payload = jws.Payload;
        if (payload.TryGetPropertyValue(SdJwtNames.DigestAlgorithm, out var alg)
            && (alg is not JsonValue av || !av.TryGetValue(out string? algName) || algName != Digests.Sha256Name))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedAlgorithm,
                $"The credential's _sd_alg is {alg?.ToJsonString() ?? "null"}; only '{Digests.Sha256Name}' is supported.");
        }

        var processed = DisclosureProcessor.Process(payload, compact.Disclosures);
        var claims = processed.Claims;

        var vct = StringClaim(claims, SdJwtNames.Vct)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The credential has no 'vct' string (its type).");
        var issuer = OptionalString(claims, SdJwtNames.Issuer);
        var issuedAt = NumericDate.Read(claims, SdJwtNames.IssuedAt, SdJwtErrorCode.Malformed, "credential");
        var notBefore = NumericDate.Read(claims, SdJwtNames.NotBefore, SdJwtErrorCode.Malformed, "credential");
        var expires = NumericDate.Read(claims, SdJwtNames.Expires, SdJwtErrorCode.Malformed, "credential");
        if (settings.Now is { } now)
        {
            if (expires is not null && expires.Value + settings.ClockSkew <= now)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.Expired, $"The credential expired at {expires:O} (now {now:O}).");
            }

            if (notBefore is not null && notBefore.Value - settings.ClockSkew > now)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.NotYetValid, $"The credential is valid from {notBefore:O} (now {now:O}).");
            }

            if (issuedAt is not null && issuedAt.Value - settings.ClockSkew > now)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.NotYetValid, $"The credential claims to be issued at {issuedAt:O}, in the future (now {now:O}).");
            }
        }

        var status = ReadStatus(claims);
        var holderKey = ReadHolderKey(claims, requireHolderKey);

        KeyBindingResult? kb = null;
        if (keyBinding is not null)
        {
            kb = VerifyKeyBinding(compact, holderKey!, keyBinding, settings);
        }

        return new VerifiedPresentation
        {
            Vct = vct,
            Issuer = issuer,
            IssuerCertificate = leaf,
            TrustAnchor = anchor,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            Expires = expires,
            Status = status,
            HolderKey = holderKey,
            Claims = claims,
            DisclosedClaims = processed.Placed.Select(p => p.Path).ToArray(),
            IssuerSignedJwtHash = Digests.OfAscii(compact.IssuerSignedJwt),
            DisclosureDigests = processed.Placed.Select(p => p.Disclosure.Digest).ToArray(),
            KeyBinding = kb,
        };
    }

    private static KeyBindingResult VerifyKeyBinding(CompactSdJwt compact, HolderPublicKey holderKey, KeyBindingExpectation expected, Settings settings)
    {
        ParsedJws kb;
        try
        {
            kb = ParseSigned(compact.KeyBindingJwt!, "key binding JWT");
        }
        catch (SdJwtVerificationException ex) when (ex.Code is SdJwtErrorCode.Malformed)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid, ex.Message, ex);
        }

        if (!string.Equals(kb.Type, SdJwtNames.KeyBindingType, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid,
                $"The key binding JWT's typ is '{kb.Type}'; it must be '{SdJwtNames.KeyBindingType}'.");
        }

        CheckSignature(kb, holderKey.Key, SdJwtErrorCode.KeyBindingInvalid, "key binding JWT (with the credential's cnf key)");

        var payload = kb.Payload;
        var sdHash = StringClaim(payload, SdJwtNames.SdHash)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid, "The key binding JWT has no 'sd_hash'.");
        var expectedHash = Digests.OfAscii(compact.SdJwtWithoutKeyBinding);
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(sdHash), System.Text.Encoding.ASCII.GetBytes(expectedHash)))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid,
                "The key binding JWT's sd_hash does not match the presented SD-JWT: disclosures were added, removed or reordered after the holder signed.");
        }

        var nonce = StringClaim(payload, SdJwtNames.Nonce)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid, "The key binding JWT has no 'nonce' string.");
        if (!string.Equals(nonce, expected.Nonce, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.NonceMismatch, "The key binding JWT's nonce is not the one this verifier issued (replayed or made for another request).");
        }

        var audience = StringClaim(payload, SdJwtNames.Audience)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid, "The key binding JWT has no 'aud' string.");
        if (!string.Equals(audience, expected.Audience, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.AudienceMismatch, $"The key binding JWT is for '{audience}', not for '{expected.Audience}'.");
        }

        var issuedAt = NumericDate.Read(payload, SdJwtNames.IssuedAt, SdJwtErrorCode.KeyBindingInvalid, "key binding JWT")
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingInvalid, "The key binding JWT has no 'iat'.");
        if (settings.Now is { } now && (issuedAt - settings.ClockSkew > now || issuedAt + settings.KeyBindingMaxAge + settings.ClockSkew < now))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingNotFresh,
                $"The key binding JWT was signed at {issuedAt:O}; at {now:O} only signatures from the last {settings.KeyBindingMaxAge} are accepted.");
        }

        return new KeyBindingResult { Audience = audience, Nonce = nonce, IssuedAt = issuedAt, SdHash = sdHash };
    }

    public static ParsedJws ParseSigned(string compact, string what)
    {
        var jws = Jws.TryParse(compact, out var reason)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The {what} is not a compact JWS: {reason}.");
        if (!string.Equals(jws.Algorithm, Jws.Es256, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedAlgorithm,
                $"The {what} is signed with '{jws.Algorithm ?? "(no alg)"}'; only ES256 is accepted.");
        }

        return jws;
    }

    public static void CheckSignature(ParsedJws jws, ECDsa key, SdJwtErrorCode code, string what)
    {
        // ES256 signatures are the 64-byte concatenation R || S (RFC 7518 section 3.4), never DER.
        if (jws.Signature.Length != 64 || !Jws.Verify(jws, Jws.SecurityKey(key)))
        {
            throw new SdJwtVerificationException(code, $"The signature of the {what} does not verify.");
        }
    }

    private static StatusReference? ReadStatus(JsonObject claims)
    {
        if (!claims.TryGetPropertyValue(SdJwtNames.Status, out var statusNode))
        {
            return null;
        }

        if (statusNode is not JsonObject status || status[SdJwtNames.StatusList] is not JsonObject list)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The credential's 'status' is not an object with a 'status_list' object.");
        }

        if (list[SdJwtNames.Index] is not JsonValue iv || !iv.TryGetValue(out long index) || index < 0 || index > int.MaxValue)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The credential's status_list.idx is not a non-negative integer.");
        }

        var uri = StringClaim(list, SdJwtNames.Uri)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The credential's status_list.uri is not a string.");
        return new StatusReference((int)index, uri);
    }

    private static HolderPublicKey? ReadHolderKey(JsonObject claims, bool required)
    {
        if (!claims.TryGetPropertyValue(SdJwtNames.Confirmation, out var cnfNode))
        {
            return required
                ? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The credential has no 'cnf' holder key, so it cannot be presented with key binding.")
                : null;
        }

        if (cnfNode is not JsonObject cnf || cnf[SdJwtNames.Jwk] is not JsonObject jwk)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The credential's 'cnf' has no 'jwk' object.");
        }

        try
        {
            return HolderPublicKey.FromJwk(jwk);
        }
        catch (ArgumentException ex)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The credential's cnf.jwk is not a usable P-256 key: " + ex.Message, ex);
        }
    }

    public static string? StringClaim(JsonObject claims, string name) =>
        claims[name] is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0 ? s : null;

    private static string? OptionalString(JsonObject claims, string name)
    {
        if (!claims.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        return StringClaim(claims, name)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The credential's '{name}' is not a non-empty string.");
    }
}
