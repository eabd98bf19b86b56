using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// Checks an SD-JWT or presentation against itself alone: the issuer signature with the key of the certificate in
/// <c>x5c[0]</c> (no chain, no validity period), the disclosures against the digests, and the key binding against
/// <c>cnf</c>, the expected audience, nonce and <c>sd_hash</c>; no clock is read. A pure, deterministic function for
/// callers that decide trust and time themselves: a chaincode compares <see cref="VerifiedPresentation.IssuerCertificate"/>
/// with the issuer it registered and the times with the transaction's. Anyone else should use <see cref="SdJwtVerifier"/>.
/// </summary>
public static class SdJwtInspector
{
    /// <summary>The longest SD-JWT or presentation accepted, in characters.</summary>
    public const int MaxLength = 65_536;

    /// <summary>The most disclosures accepted.</summary>
    public const int MaxDisclosures = 256;

    private const int MaxCertificates = 5;

    private static readonly SdJwtChecks.Settings Timeless = new(
        new HashSet<string>(StringComparer.Ordinal) { SdJwtNames.CredentialType, SdJwtNames.LegacyCredentialType }, null, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Inspects a credential as issued (no key binding allowed).</summary>
    /// <param name="sdJwt">The compact SD-JWT, ending in '~'.</param>
    /// <returns>The credential; <see cref="VerifiedPresentation.TrustAnchor"/> is null and no time was checked.</returns>
    /// <exception cref="SdJwtVerificationException">The credential is malformed, its signature or a disclosure does not verify.</exception>
    public static VerifiedPresentation InspectCredential(string sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var compact = CompactSdJwt.Parse(sdJwt, MaxLength, MaxDisclosures);
        if (compact.KeyBindingJwt is not null)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The SD-JWT carries a key binding JWT; a credential as issued ends in '~'.");
        }

        return SdJwtChecks.Check(compact, Timeless, Leaf, requireHolderKey: true, keyBinding: null);
    }

    /// <summary>
    /// Inspects a presentation: as <see cref="InspectCredential"/>, plus the key binding (signed by the <c>cnf</c> key,
    /// <c>aud</c> and <c>nonce</c> as expected, <c>sd_hash</c> over the presented SD-JWT). Its <c>iat</c> is returned
    /// in <see cref="VerifiedPresentation.KeyBinding"/> for the caller to judge.
    /// </summary>
    /// <param name="presentation">The compact presentation with its key binding JWT.</param>
    /// <param name="expected">The audience and nonce.</param>
    /// <returns>The presentation.</returns>
    /// <exception cref="SdJwtVerificationException">The presentation is malformed or does not verify.</exception>
    public static VerifiedPresentation InspectPresentation(string presentation, KeyBindingExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentException.ThrowIfNullOrEmpty(expected.Audience, "expected.Audience");
        ArgumentException.ThrowIfNullOrEmpty(expected.Nonce, "expected.Nonce");
        var compact = CompactSdJwt.Parse(presentation, MaxLength, MaxDisclosures);
        if (compact.KeyBindingJwt is null)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.KeyBindingMissing, "The presentation has no key binding JWT after its last '~'.");
        }

        return SdJwtChecks.Check(compact, Timeless, Leaf, requireHolderKey: true, expected);
    }

    private static (X509Certificate2 Leaf, X509Certificate2? Anchor, System.Security.Cryptography.ECDsa Key) Leaf(System.Text.Json.Nodes.JsonObject header)
    {
        var (leaf, key) = X5cChain.Leaf(header, MaxCertificates);
        return (leaf, null, key);
    }
}
