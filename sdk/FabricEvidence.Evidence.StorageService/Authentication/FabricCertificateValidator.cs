using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Authentication;

/// <summary>
/// Decides whether a certificate is a Fabric identity of a trusted organisation: an ECDSA end-entity certificate,
/// valid now, whose chain ends at one of the organisation's CA certificates (each organisation is tried on its own,
/// so that the MSP id is the one whose CA issued it). Reads the Fabric CA <c>role</c> attribute.
/// </summary>
internal sealed class FabricCertificateValidator
{
    /// <summary>The Fabric CA attribute extension: JSON <c>{"attrs":{"role":"investigator"}}</c>.</summary>
    public const string AttributeExtensionOid = "1.2.3.4.5.6.7.8.1";

    private readonly List<(string MspId, X509Certificate2Collection Roots, X509Certificate2Collection Intermediates)> _organisations;
    private readonly TimeProvider _time;

    public FabricCertificateValidator(IOptions<FabricTrustOptions> options, TimeProvider time)
    {
        _time = time;
        _organisations = [.. options.Value.Organisations
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => (o.Key, Load(o.Value.CaCertificates), Load(o.Value.IntermediateCertificates)))];
    }

    public IEnumerable<string> MspIds => _organisations.Select(o => o.MspId);

    public (FabricIdentity? Identity, string? Failure) Validate(X509Certificate2 certificate, X509Certificate2Collection? presentedChain = null)
    {
        using var key = certificate.GetECDsaPublicKey();
        if (key is null)
        {
            return (null, "The certificate has no ECDSA key: it is not a Fabric identity.");
        }

        if (certificate.Extensions[ "2.5.29.19" ] is X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            return (null, "The certificate is a CA certificate; present an enrollment certificate.");
        }

        var now = _time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return (null, $"The certificate is not valid before {certificate.NotBefore.ToUniversalTime():u}.");
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return (null, $"The certificate expired on {certificate.NotAfter.ToUniversalTime():u}; enroll again for a new one.");
        }

        foreach (var (mspId, roots, intermediates) in _organisations)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
            if (presentedChain is not null)
            {
                chain.ChainPolicy.ExtraStore.AddRange(presentedChain);
            }

            // Fabric publishes revocation as CRLs in the channel's MSP configuration, not at URLs in certificates.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            if (chain.Build(certificate))
            {
                return (new FabricIdentity(mspId, Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), ReadRole(certificate), certificate.Subject), null);
            }
        }

        return (null, $"The certificate was not issued by the CA of an organisation this service trusts ({string.Join(", ", MspIds)}).");
    }

    /// <summary>The <c>role</c> attribute Fabric CA put into the certificate, or null.</summary>
    public static string? ReadRole(X509Certificate2 certificate)
    {
        if (certificate.Extensions[AttributeExtensionOid] is not { } extension)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(extension.RawData);
            return json.RootElement.TryGetProperty("attrs", out var attrs) && attrs.ValueKind == JsonValueKind.Object
                && attrs.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
                ? role.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static X509Certificate2Collection Load(IEnumerable<string> files)
    {
        var collection = new X509Certificate2Collection();
        foreach (var file in files)
        {
            collection.ImportFromPemFile(file);
        }

        return collection;
    }
}
