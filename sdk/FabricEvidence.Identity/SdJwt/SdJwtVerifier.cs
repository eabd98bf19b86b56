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

        var now = _options.TimeProvider.GetUtcNow();
        return SdJwtChecks.Check(compact, Settings(now), header => Chain(header, now), requireHolderKey: false, keyBinding: null);
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

        var now = _options.TimeProvider.GetUtcNow();
        return SdJwtChecks.Check(compact, Settings(now), header => Chain(header, now), requireHolderKey: true, expected);
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
        var jws = SdJwtChecks.ParseSigned(token, "status list token");
        if (!string.Equals(jws.Type, SdJwtNames.StatusListType, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedType,
                $"The status list token's typ is '{jws.Type}'; it must be '{SdJwtNames.StatusListType}'.");
        }

        var (leaf, anchor, key) = X5cChain.Validate(jws.Header, _options.TrustAnchors, now, _options.MaxCertificates);
        using (key)
        {
            SdJwtChecks.CheckSignature(jws, key, SdJwtErrorCode.InvalidSignature, "status list token");
        }

        var payload = jws.Payload;
        if (SdJwtChecks.StringClaim(payload, SdJwtNames.Subject) is not { } subject)
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

    private SdJwtChecks.Settings Settings(DateTimeOffset now) => new(_acceptedTypes, now, _options.ClockSkew, _options.KeyBindingMaxAge);

    private (System.Security.Cryptography.X509Certificates.X509Certificate2 Leaf, System.Security.Cryptography.X509Certificates.X509Certificate2? Anchor, ECDsa Key) Chain(JsonObject header, DateTimeOffset now) =>
        X5cChain.Validate(header, _options.TrustAnchors, now, _options.MaxCertificates);
}
