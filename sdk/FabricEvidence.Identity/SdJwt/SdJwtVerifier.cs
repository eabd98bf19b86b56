using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// Verifies SD-JWT VCs, presentations with key binding, and status list tokens: a pure function of its inputs, the
/// trust anchors and the clock in <see cref="SdJwtVerifierOptions"/> (no network, no state), so a service or a test can
/// call it anywhere. Every refusal is an <see cref="SdJwtVerificationException"/> whose <see cref="SdJwtVerificationException.Code"/>
/// says why. Thread-safe.
/// </summary>
public sealed class SdJwtVerifier
{
    private readonly SdJwtVerifierOptions _options;
    private readonly HashSet<string> _acceptedTypes;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">Trust anchors, clock and limits.</param>
    /// <exception cref="ArgumentException">No trust anchor is given, no credential type is accepted, or a limit is not positive.</exception>
    public SdJwtVerifier(SdJwtVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TrustAnchors, "options.TrustAnchors");
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(options.AcceptedTypes, "options.AcceptedTypes");
        if (options.TrustAnchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor (an organisation's CA certificate) is required.", "options.TrustAnchors");
        }

        if (options.AcceptedTypes.Count == 0)
        {
            throw new ArgumentException("At least one credential typ must be accepted.", "options.AcceptedTypes");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClockSkew, TimeSpan.Zero, "options.ClockSkew");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.KeyBindingMaxAge, TimeSpan.Zero, "options.KeyBindingMaxAge");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxLength, 0, "options.MaxLength");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxDisclosures, "options.MaxDisclosures");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxCertificates, 0, "options.MaxCertificates");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxStatusListTokenLength, 0, "options.MaxStatusListTokenLength");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxStatusListBytes, 0, "options.MaxStatusListBytes");
        _options = options;
        _acceptedTypes = options.AcceptedTypes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Verifies an SD-JWT VC as the issuer handed it over (the holder's check on receipt): issuer signature, certificate
    /// chain, disclosures, validity. A key binding JWT, if one is attached, is refused: use <see cref="VerifyPresentation"/>.
    /// </summary>
    /// <param name="sdJwt">The compact SD-JWT, ending in '~'.</param>
    /// <returns>The verified credential.</returns>
    /// <exception cref="SdJwtVerificationException">The credential was refused; the code says why.</exception>
    public VerifiedPresentation VerifyCredential(string sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var compact = CompactSdJwt.Parse(sdJwt, _options.MaxLength, _options.MaxDisclosures);
        if (compact.KeyBindingJwt is not null)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed,
                "The SD-JWT carries a key binding JWT; a credential as issued ends in '~'. Verify presentations with VerifyPresentation.");
        }

        return VerifyIssuerPart(compact, _options.TimeProvider.GetUtcNow(), requireHolderKey: false, keyBinding: null);
    }

    /// <summary>
    /// Verifies a presentation: everything <see cref="VerifyCredential"/> checks, plus the key binding JWT (signed by the
    /// <c>cnf</c> key, for this audience and nonce, fresh, over exactly the presented SD-JWT).
    /// </summary>
    /// <param name="presentation">The compact SD-JWT with the selected disclosures and the key binding JWT.</param>
    /// <param name="expected">The audience and nonce the verifier expects.</param>
    /// <returns>The verified presentation with its key binding.</returns>
    /// <exception cref="SdJwtVerificationException">The presentation was refused; the code says why.</exception>
    public VerifiedPresentation VerifyPresentation(string presentation, KeyBindingExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentException.ThrowIfNullOrEmpty(expected.Audience, "expected.Audience");
        ArgumentException.ThrowIfNullOrEmpty(expected.Nonce, "expected.Nonce");
        var compact = CompactSdJwt.Parse(presentation, _options.MaxLength, _options.MaxDisclosures);
        if (compact.KeyBindingJwt is null)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingMissing,
                "The presentation has no key binding JWT after its last '~'; the holder must sign it for this verifier.");
        }

        return VerifyIssuerPart(compact, _options.TimeProvider.GetUtcNow(), requireHolderKey: true, expected);
    }

    /// <summary>
    /// Verifies a status list token (<c>typ: statuslist+jwt</c>) signed by an issuer whose certificate chains to a trust
    /// anchor, for the list at <paramref name="expectedUri"/>, and decodes its list.
    /// </summary>
    /// <param name="token">The compact JWT.</param>
    /// <param name="expectedUri">The list's URI as the credential names it (<c>status.status_list.uri</c>); the token's <c>sub</c> must equal it.</param>
    /// <returns>The verified list.</returns>
    /// <exception cref="SdJwtVerificationException">The token was refused; the code says why.</exception>
    public VerifiedStatusList VerifyStatusListToken(string token, string expectedUri)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(expectedUri);
        if (token.Length > _options.MaxStatusListTokenLength)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge,
                $"The status list token is {token.Length} characters long; the limit is {_options.MaxStatusListTokenLength}.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var jws = ParseSigned(token, "status list token");
        if (!string.Equals(jws.Type, SdJwtNames.StatusListType, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType,
                $"The status list token's typ is '{jws.Type}'; it must be '{SdJwtNames.StatusListType}'.");
        }

        var (leaf, anchor, key) = X5cChain.Validate(jws.Header, _options.TrustAnchors, now, _options.MaxCertificates);
        using (key)
        {
            CheckSignature(jws, key, SdJwtErrorCode.InvalidSignature, "status list token");
        }

        var payload = jws.Payload;
        if (StringClaim(payload, SdJwtNames.Subject) is not { } subject)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The status list token has no 'sub' (the list's URI).");
        }

        if (!string.Equals(subject, expectedUri, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.StatusListMismatch,
                $"The status list token is for '{subject}', not for the credential's list '{expectedUri}'.");
        }

        var issuedAt = NumericDate.Read(payload, SdJwtNames.IssuedAt, SdJwtErrorCode.MissingClaim, "status list token")
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The status list token has no 'iat'.");
        var expires = NumericDate.Read(payload, SdJwtNames.Expires, SdJwtErrorCode.Malformed, "status list token");
        TimeSpan? ttl = null;
        if (payload.TryGetPropertyValue(SdJwtNames.TimeToLive, out var ttlNode))
        {
            if (ttlNode is not JsonValue tv || !tv.TryGetValue(out long ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > int.MaxValue)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status list token's 'ttl' is not a positive number of seconds.");
            }

            ttl = TimeSpan.FromSeconds(ttlSeconds);
        }

        if (issuedAt > now + _options.ClockSkew)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.NotYetValid, $"The status list token was issued at {issuedAt:O}, in the future.");
        }

        if (expires is not null && expires.Value + _options.ClockSkew <= now)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.StatusListExpired, $"The status list token expired at {expires:O}.");
        }

        if (payload[SdJwtNames.StatusList] is not JsonObject list)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.MissingClaim, "The status list token has no 'status_list' object.");
        }

        var statusList = StatusList.FromClaim(list, _options.MaxStatusListBytes);
        return new VerifiedStatusList
        {
            Uri = subject,
            List = statusList,
            IssuedAt = issuedAt,
            Expires = expires,
            TimeToLive = ttl,
            IssuerCertificate = leaf,
            TrustAnchor = anchor,
        };
    }

    private VerifiedPresentation VerifyIssuerPart(CompactSdJwt compact, DateTimeOffset now, bool requireHolderKey, KeyBindingExpectation? keyBinding)
    {
        var jws = ParseSigned(compact.IssuerSignedJwt, "issuer-signed JWT");
        if (jws.Type is not { } type || !_acceptedTypes.Contains(type))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType,
                $"The credential's typ is '{jws.Type}'; accepted: {string.Join(", ", _acceptedTypes.Order(StringComparer.Ordinal))}.");
        }

        var (leaf, anchor, issuerKey) = X5cChain.Validate(jws.Header, _options.TrustAnchors, now, _options.MaxCertificates);
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
        if (expires is not null && expires.Value + _options.ClockSkew <= now)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Expired, $"The credential expired at {expires:O} (now {now:O}).");
        }

        if (notBefore is not null && notBefore.Value - _options.ClockSkew > now)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.NotYetValid, $"The credential is valid from {notBefore:O} (now {now:O}).");
        }

        if (issuedAt is not null && issuedAt.Value - _options.ClockSkew > now)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.NotYetValid, $"The credential claims to be issued at {issuedAt:O}, in the future (now {now:O}).");
        }

        var status = ReadStatus(claims);
        var holderKey = ReadHolderKey(claims, requireHolderKey);

        KeyBindingResult? kb = null;
        if (keyBinding is not null)
        {
            kb = VerifyKeyBinding(compact, holderKey!, keyBinding, now);
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

    private KeyBindingResult VerifyKeyBinding(CompactSdJwt compact, HolderPublicKey holderKey, KeyBindingExpectation expected, DateTimeOffset now)
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
        if (issuedAt - _options.ClockSkew > now || issuedAt + _options.KeyBindingMaxAge + _options.ClockSkew < now)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingNotFresh,
                $"The key binding JWT was signed at {issuedAt:O}; at {now:O} only signatures from the last {_options.KeyBindingMaxAge} are accepted.");
        }

        return new KeyBindingResult { Audience = audience, Nonce = nonce, IssuedAt = issuedAt, SdHash = sdHash };
    }

    private static ParsedJws ParseSigned(string compact, string what)
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

    private static void CheckSignature(ParsedJws jws, ECDsa key, SdJwtErrorCode code, string what)
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

    private static string? StringClaim(JsonObject claims, string name) =>
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
