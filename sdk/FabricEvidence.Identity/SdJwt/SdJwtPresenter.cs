using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// The holder's side of RFC 9901: picks the disclosures for the claims a verifier needs and signs a key binding JWT
/// (<c>typ: kb+jwt</c>, <c>iat</c>, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c>) with the holder key of the credential's
/// <c>cnf</c>. It does not re-check the issuer's signature (the holder did on receipt, with <see cref="SdJwtVerifier.VerifyCredential"/>).
/// Thread-safe.
/// </summary>
public sealed class SdJwtPresenter
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a presenter.</summary>
    /// <param name="timeProvider">The clock for <c>iat</c> when a request gives none; defaults to <see cref="TimeProvider.System"/>.</param>
    public SdJwtPresenter(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Makes a presentation of <paramref name="sdJwt"/> for one verifier.</summary>
    /// <param name="sdJwt">The credential as issued, with all disclosures.</param>
    /// <param name="holderKey">The private key whose public key is in the credential's <c>cnf.jwk</c>.</param>
    /// <param name="request">The claims to reveal, the audience and the nonce.</param>
    /// <returns>The presentation.</returns>
    /// <exception cref="ArgumentException">A requested claim is not in the credential, the key is not the credential's holder key, or the audience or nonce is missing.</exception>
    /// <exception cref="SdJwtVerificationException">The credential is not a well-formed SD-JWT.</exception>
    public Presentation Present(string sdJwt, HolderKey holderKey, PresentationRequest request)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Claims, "request.Claims");
        ArgumentException.ThrowIfNullOrEmpty(request.Audience, "request.Audience");
        ArgumentException.ThrowIfNullOrEmpty(request.Nonce, "request.Nonce");

        var compact = CompactSdJwt.Parse(sdJwt, int.MaxValue, int.MaxValue);
        var jws = Jws.TryParse(compact.IssuerSignedJwt, out var reason)
            ?? throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The credential's issuer-signed JWT is not a compact JWS: {reason}.");
        if (jws.Payload[SdJwtNames.Confirmation] is not JsonObject cnf || cnf[SdJwtNames.Jwk] is not JsonObject jwk)
        {
            throw new ArgumentException("The credential has no cnf.jwk holder key, so it cannot be presented with key binding.", nameof(sdJwt));
        }

        if (!string.Equals(EcKeys.Thumbprint(jwk), holderKey.Thumbprint, StringComparison.Ordinal))
        {
            throw new ArgumentException("The holder key is not the key the credential is bound to (cnf.jwk).", nameof(holderKey));
        }

        var placed = DisclosureProcessor.Process(jws.Payload, compact.Disclosures).Placed;
        var visible = DisclosureProcessor.Process(jws.Payload, []).Claims;
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in request.Claims)
        {
            ArgumentException.ThrowIfNullOrEmpty(claim, "request.Claims");
            var matches = placed.Where(p => ClaimPaths.IsSelfOrBelow(p.Path, claim) || ClaimPaths.IsSelfOrBelow(claim, p.Path)).ToList();
            if (matches.Count == 0 && !IsVisible(visible, claim))
            {
                throw new ArgumentException($"The credential has no claim '{claim}'.", "request.Claims");
            }

            selected.UnionWith(matches.Select(m => m.Disclosure.Digest));
        }

        // Keep the issuer's order of disclosures: the order carries no information the issuer did not already give.
        var chosen = placed.Where(p => selected.Contains(p.Disclosure.Digest)).ToList();
        var withoutKeyBinding = compact.IssuerSignedJwt + "~" + string.Concat(chosen.Select(p => p.Disclosure.Encoded + "~"));
        var sdHash = Digests.OfAscii(withoutKeyBinding);
        var issuedAt = request.IssuedAt ?? _timeProvider.GetUtcNow();
        var payload = new JsonObject
        {
            [SdJwtNames.IssuedAt] = NumericDate.From(issuedAt),
            [SdJwtNames.Audience] = request.Audience,
            [SdJwtNames.Nonce] = request.Nonce,
            [SdJwtNames.SdHash] = sdHash,
        };
        var keyBinding = holderKey.SignJws(SdJwtNames.KeyBindingType, StrictJson.Serialize(payload));
        return new Presentation
        {
            Compact = withoutKeyBinding + keyBinding,
            DisclosedClaims = chosen.Select(p => p.Path).ToArray(),
            DisclosureDigests = chosen.Select(p => p.Disclosure.Digest).ToArray(),
            IssuerSignedJwtHash = Digests.OfAscii(compact.IssuerSignedJwt),
            SdHash = sdHash,
        };
    }

    private static bool IsVisible(JsonObject claims, string path)
    {
        JsonNode? node = claims;
        foreach (var segment in ClaimPaths.Split(path))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
                JsonArray a when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        return true;
    }
}
