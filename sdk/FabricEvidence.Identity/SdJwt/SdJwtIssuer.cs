using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// Issues SD-JWT VCs: an ES256 JWT signed with the issuer's Fabric enrollment key, its certificate chain in <c>x5c</c>,
/// the chosen claims as salted disclosures, the holder key in <c>cnf.jwk</c> and the status list entry in <c>status</c>.
/// Thread-safe; the issuer key stays owned by the caller.
/// </summary>
public sealed class SdJwtIssuer
{
    /// <summary>The largest number of decoy digests a request may ask for.</summary>
    public const int MaxDecoyDigests = 64;

    private readonly IssuerKey _key;
    private readonly SdJwtIssuerOptions _options;

    /// <summary>Creates an issuer that signs with <paramref name="key"/>.</summary>
    /// <param name="key">The issuer's enrollment key and certificate chain.</param>
    /// <param name="options">Options; defaults apply when null.</param>
    public SdJwtIssuer(IssuerKey key, SdJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _options = options ?? new SdJwtIssuerOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, "options.TimeProvider");
        ArgumentException.ThrowIfNullOrEmpty(_options.TokenType, "options.TokenType");
    }

    /// <summary>Issues one credential.</summary>
    /// <param name="request">What to put into it.</param>
    /// <returns>The SD-JWT with all disclosures, and the commitments for the ledger.</returns>
    /// <exception cref="ArgumentException">The request is incomplete, uses reserved claim names, lists a disclosable path that does not exist, or has validity times out of order.</exception>
    public IssuedCredential Issue(CredentialRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Vct, "request.Vct");
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Issuer, "request.Issuer");
        ArgumentNullException.ThrowIfNull(request.HolderKey, "request.HolderKey");
        ArgumentNullException.ThrowIfNull(request.Claims, "request.Claims");
        ArgumentNullException.ThrowIfNull(request.SelectivelyDisclosable, "request.SelectivelyDisclosable");
        if (request.DecoyDigests is < 0 or > MaxDecoyDigests)
        {
            throw new ArgumentOutOfRangeException("request.DecoyDigests", request.DecoyDigests, $"Between 0 and {MaxDecoyDigests}.");
        }

        foreach (var name in request.Claims.Select(c => c.Key))
        {
            if (SdJwtNames.Registered.Contains(name))
            {
                throw new ArgumentException($"The claim '{name}' is set by the issuer from the request's own properties; remove it from Claims.", "request.Claims");
            }
        }

        var issuedAt = NumericDate.Truncate(request.IssuedAt ?? _options.TimeProvider.GetUtcNow());
        var notBefore = request.NotBefore is { } nbf ? NumericDate.Truncate(nbf) : (DateTimeOffset?)null;
        var expires = request.Expires is { } exp ? NumericDate.Truncate(exp) : (DateTimeOffset?)null;
        if (expires is not null && expires <= (notBefore ?? issuedAt))
        {
            throw new ArgumentException("Expires must be after NotBefore (or IssuedAt when there is no NotBefore).", "request.Expires");
        }

        if (request.Status is { } status)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(status.Index, "request.Status.Index");
            ArgumentException.ThrowIfNullOrWhiteSpace(status.Uri, "request.Status.Uri");
        }

        var (packed, disclosures) = DisclosurePacker.Pack(request.Claims, request.SelectivelyDisclosable, request.DecoyDigests);

        // Registered claims first, then the holder's claims with their digests; _sd_alg last.
        var payload = new JsonObject
        {
            [SdJwtNames.Issuer] = request.Issuer,
            [SdJwtNames.IssuedAt] = NumericDate.From(issuedAt),
        };
        if (notBefore is not null)
        {
            payload[SdJwtNames.NotBefore] = NumericDate.From(notBefore.Value);
        }

        if (expires is not null)
        {
            payload[SdJwtNames.Expires] = NumericDate.From(expires.Value);
        }

        payload[SdJwtNames.Vct] = request.Vct;
        payload[SdJwtNames.Confirmation] = new JsonObject { [SdJwtNames.Jwk] = request.HolderKey.ToJwk() };
        if (request.Status is not null)
        {
            payload[SdJwtNames.Status] = new JsonObject
            {
                [SdJwtNames.StatusList] = new JsonObject
                {
                    [SdJwtNames.Index] = request.Status.Index,
                    [SdJwtNames.Uri] = request.Status.Uri,
                },
            };
        }

        foreach (var (name, value) in packed.ToList())
        {
            packed.Remove(name);
            payload[name] = value;
        }

        payload[SdJwtNames.DigestAlgorithm] = Digests.Sha256Name;

        var jwt = _key.SignJws(_options.TokenType, StrictJson.Serialize(payload));
        var compact = jwt + "~" + string.Concat(disclosures.Select(d => d.Encoded + "~"));
        return new IssuedCredential
        {
            SdJwt = compact,
            IssuerSignedJwt = jwt,
            Disclosures = disclosures,
            Commitment = new CredentialCommitment
            {
                IssuerSignedJwtHash = Digests.OfAscii(jwt),
                DisclosureDigests = disclosures.Select(d => d.Digest).Order(StringComparer.Ordinal).ToArray(),
                HolderKeyThumbprint = request.HolderKey.Thumbprint,
                Vct = request.Vct,
                Issuer = request.Issuer,
                IssuedAt = issuedAt,
                NotBefore = notBefore,
                Expires = expires,
                Status = request.Status,
            },
        };
    }

    /// <summary>Signs a status list token (<c>typ: statuslist+jwt</c>) for <paramref name="list"/>.</summary>
    /// <param name="list">The list; issuers publish lists of at least <see cref="StatusList.MinimumPrivacyCapacity"/> entries.</param>
    /// <param name="request">The list's URI and the token's times.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="ArgumentException">The list is smaller than <see cref="StatusList.MinimumPrivacyCapacity"/>, the URI is missing, or the times are out of order.</exception>
    public string IssueStatusListToken(StatusList list, StatusListTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Uri, "request.Uri");
        if (list.Capacity < StatusList.MinimumPrivacyCapacity)
        {
            throw new ArgumentException(
                $"The list has {list.Capacity} entries; published lists hold at least {StatusList.MinimumPrivacyCapacity} so that a status check does not single out a person.",
                nameof(list));
        }

        var issuedAt = NumericDate.Truncate(request.IssuedAt ?? _options.TimeProvider.GetUtcNow());
        var payload = new JsonObject
        {
            [SdJwtNames.Subject] = request.Uri,
            [SdJwtNames.IssuedAt] = NumericDate.From(issuedAt),
        };
        if (request.Expires is { } expires)
        {
            if (NumericDate.Truncate(expires) <= issuedAt)
            {
                throw new ArgumentException("Expires must be after IssuedAt.", "request.Expires");
            }

            payload[SdJwtNames.Expires] = NumericDate.From(expires);
        }

        if (request.TimeToLive is { } ttl)
        {
            if (ttl < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException("request.TimeToLive", ttl, "At least one second.");
            }

            payload[SdJwtNames.TimeToLive] = (long)ttl.TotalSeconds;
        }

        payload[SdJwtNames.StatusList] = list.ToClaim();
        return _key.SignJws(SdJwtNames.StatusListType, StrictJson.Serialize(payload));
    }
}
