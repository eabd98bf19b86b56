using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity;

/// <summary>
/// An SD-JWT VC (and its key binding, for a presentation) that passed every cryptographic and validity check. The
/// ledger checks (registry scope, issuance record, consent) are the caller's, using <see cref="IssuerSignedJwtHash"/>,
/// <see cref="DisclosureDigests"/>, <see cref="Issuer"/>, <see cref="IssuerCertificate"/> and <see cref="Status"/>.
/// </summary>
public sealed record VerifiedPresentation
{
    /// <summary>The credential type (<c>vct</c>).</summary>
    public required string Vct { get; init; }

    /// <summary>The issuer identifier (<c>iss</c>), if present.</summary>
    public string? Issuer { get; init; }

    /// <summary>The issuer's enrollment certificate (first in <c>x5c</c>), whose key signed the credential.</summary>
    public required X509Certificate2 IssuerCertificate { get; init; }

    /// <summary>
    /// The trust anchor the certificate chains to: tells which organisation's CA vouches for the issuer. Null when the
    /// credential was inspected by <see cref="SdJwtInspector"/>, which checks the signature against the leaf alone.
    /// </summary>
    public X509Certificate2? TrustAnchor { get; init; }

    /// <summary>Issuance time (<c>iat</c>), if present.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Start of validity (<c>nbf</c>), if present.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity (<c>exp</c>), if present.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The status list entry (<c>status.status_list</c>), if present.</summary>
    public StatusReference? Status { get; init; }

    /// <summary>The holder key from <c>cnf.jwk</c>, if present.</summary>
    public HolderPublicKey? HolderKey { get; init; }

    /// <summary>
    /// The claims as the verifier may use them: the issuer's clear claims plus the disclosed ones, with the SD-JWT
    /// digests removed.
    /// </summary>
    public required JsonObject Claims { get; init; }

    /// <summary>The paths of the claims revealed by disclosures (e.g. <c>age_over_18</c>, <c>address/locality</c>), in presentation order.</summary>
    public required IReadOnlyList<string> DisclosedClaims { get; init; }

    /// <summary>base64url SHA-256 of the issuer-signed JWT: the credential's key in the ledger's issuance records.</summary>
    public required string IssuerSignedJwtHash { get; init; }

    /// <summary>The digests of the presented disclosures, in presentation order (each is in the issuance record).</summary>
    public required IReadOnlyList<string> DisclosureDigests { get; init; }

    /// <summary>The key binding, for a presentation verified with one; null otherwise.</summary>
    public KeyBindingResult? KeyBinding { get; init; }
}
