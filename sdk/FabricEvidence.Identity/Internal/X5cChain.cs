using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>
/// Validates the <c>x5c</c> header (RFC 7515 section 4.1.6): standard base64 DER certificates, the signer's first, chained
/// to one of the trust anchors at the verification time, without revocation or network look-ups (the channel
/// configuration is the source of trust, and a chaincode or verifier must not fetch anything while checking).
/// </summary>
internal static class X5cChain
{
    public static (X509Certificate2 Leaf, X509Certificate2 Anchor, ECDsa PublicKey) Validate(
        JsonObject header, X509Certificate2Collection anchors, DateTimeOffset now, int maxCertificates)
    {
        if (header["x5c"] is not JsonArray x5c || x5c.Count == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer,
                "The JWS header has no x5c certificate chain; the signer cannot be related to an organisation's CA.");
        }

        if (x5c.Count > maxCertificates)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"x5c holds {x5c.Count} certificates; the limit is {maxCertificates}.");
        }

        var certificates = new List<X509Certificate2>(x5c.Count);
        try
        {
            for (var i = 0; i < x5c.Count; i++)
            {
                if (x5c[i] is not JsonValue v || !v.TryGetValue(out string? text))
                {
                    throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"x5c[{i}] is not a string.");
                }

                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text)));
                }
                catch (Exception ex) when (ex is FormatException or CryptographicException)
                {
                    throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"x5c[{i}] is not a base64 DER X.509 certificate.", ex);
                }
            }

            var leaf = certificates[0];
            var anchor = Chain(leaf, certificates.Skip(1), anchors, now);
            if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer, "The signing certificate is a CA certificate, not an enrollment certificate.");
            }

            if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
                && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer, "The signing certificate's key usage does not allow digital signatures.");
            }

            var key = leaf.GetECDsaPublicKey();
            if (key is null || !EcKeys.IsP256(key))
            {
                key?.Dispose();
                throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedAlgorithm, "The signing certificate does not hold a P-256 key, as ES256 requires.");
            }

            foreach (var c in certificates.Skip(1))
            {
                c.Dispose();
            }

            return (leaf, anchor, key);
        }
        catch
        {
            foreach (var c in certificates)
            {
                c.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The signer's certificate and key from <c>x5c[0]</c>, without chain or validity checks: for callers that decide
    /// trust by comparing the certificate itself (a chaincode pinning the registered issuer's certificate).
    /// </summary>
    public static (X509Certificate2 Leaf, ECDsa PublicKey) Leaf(JsonObject header, int maxCertificates)
    {
        if (header["x5c"] is not JsonArray x5c || x5c.Count == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer, "The JWS header has no x5c certificate; the signer cannot be identified.");
        }

        if (x5c.Count > maxCertificates)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"x5c holds {x5c.Count} certificates; the limit is {maxCertificates}.");
        }

        if (x5c[0] is not JsonValue v || !v.TryGetValue(out string? text))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "x5c[0] is not a string.");
        }

        X509Certificate2 leaf;
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "x5c[0] is not a base64 DER X.509 certificate.", ex);
        }

        var key = leaf.GetECDsaPublicKey();
        if (key is null || !EcKeys.IsP256(key))
        {
            key?.Dispose();
            leaf.Dispose();
            throw new SdJwtVerificationException(SdJwtErrorCode.UnsupportedAlgorithm, "The signing certificate does not hold a P-256 key, as ES256 requires.");
        }

        return (leaf, key);
    }

    private static X509Certificate2 Chain(X509Certificate2 leaf, IEnumerable<X509Certificate2> intermediates, X509Certificate2Collection anchors, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        foreach (var anchor in anchors)
        {
            // Roots are trusted; an organisation's intermediate CA in the anchors only helps build the path to its root.
            if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(anchor.IssuerName.RawData))
            {
                policy.CustomTrustStore.Add(anchor);
            }
            else
            {
                policy.ExtraStore.Add(anchor);
            }
        }

        foreach (var c in intermediates)
        {
            policy.ExtraStore.Add(c);
        }

        if (!chain.Build(leaf))
        {
            var status = string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct());
            throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer,
                $"The signer's certificate '{leaf.Subject}' does not chain to a trusted organisation CA at {now:O} ({status}).");
        }

        var root = chain.ChainElements[^1].Certificate;
        foreach (var anchor in anchors)
        {
            if (anchor.RawData.AsSpan().SequenceEqual(root.RawData))
            {
                return anchor;
            }
        }

        throw new SdJwtVerificationException(SdJwtErrorCode.UntrustedIssuer, $"The signer's certificate '{leaf.Subject}' does not chain to a trusted organisation CA.");
    }
}
